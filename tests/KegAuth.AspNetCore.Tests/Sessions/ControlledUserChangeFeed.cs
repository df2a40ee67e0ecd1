using KegAuth.AspNetCore.Sessions;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>A change feed whose stamp the test sets; <see langword="null"/> means it cannot vouch.</summary>
internal sealed class ControlledUserChangeFeed : IKegUserChangeFeed
{
    public long? Value { get; set; } = 1;

    public bool Disposed { get; private set; }

    public string Name => "controlled";

    public long? Stamp() => Value;

    public void Dispose() => Disposed = true;
}
