namespace KegAuth;

/// <summary>
/// The outcome of <see cref="IKegPasswordPolicy.CheckAsync"/>: every problem every validator found,
/// in validator order; none when the password is acceptable.
/// </summary>
public sealed class KegPasswordCheck
{
    /// <summary>A check with no problems.</summary>
    public static KegPasswordCheck Success { get; } = new([]);

    /// <summary>Creates a check from its problems.</summary>
    /// <param name="problems">Every problem found; empty for an acceptable password.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> or one of its items is null.</exception>
    public KegPasswordCheck(IEnumerable<KegPasswordProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.ToArray();
        if (Array.IndexOf(list, null) >= 0)
        {
            throw new ArgumentNullException(nameof(problems), "A password problem is null.");
        }

        Problems = list;
    }

    /// <summary>Whether the password is acceptable: no validator found a problem.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Every problem found, in validator order; empty when <see cref="Succeeded"/>.</summary>
    public IReadOnlyList<KegPasswordProblem> Problems { get; }

    /// <summary>The problems' codes, in order, such as <c>too-short</c>.</summary>
    public IEnumerable<string> Codes => Problems.Select(problem => problem.Code);

    /// <summary>The problems' messages joined into one line, for a command line or a log; empty when <see cref="Succeeded"/>.</summary>
    public override string ToString() => string.Join(" ", Problems.Select(problem => problem.Message));
}
