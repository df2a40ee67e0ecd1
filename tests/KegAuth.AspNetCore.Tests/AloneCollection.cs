using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// Tests that must not share the process's moment with other hosts: a Prometheus scrape reads every
/// meter named KegAuth in the process, and with other hosts starting and stopping in parallel the
/// sample's own failed sign-in was once missing from the scrape (a clean-clone run; alone it always
/// shows). xUnit runs this collection after the parallel ones, by itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Alone (no other host running)";
}
