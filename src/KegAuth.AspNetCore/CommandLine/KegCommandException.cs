namespace KegAuth.AspNetCore.CommandLine;

/// <summary>A command that cannot be carried out: its message is the one line printed on standard error (exit code 1).</summary>
internal sealed class KegCommandException(string message) : Exception(message);
