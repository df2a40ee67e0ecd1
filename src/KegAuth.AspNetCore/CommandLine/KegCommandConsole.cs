namespace KegAuth.AspNetCore.CommandLine;

/// <summary>Where a command reads and writes: the process's console, or text streams in tests.</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="ReadHidden">Reads one line without echoing it, when input is a terminal; <see langword="null"/> when it is not.</param>
internal sealed record KegCommandConsole(TextReader In, TextWriter Out, TextWriter Error, Func<string>? ReadHidden)
{
    /// <summary>The process's console; hidden reads when standard input is a terminal.</summary>
    public static KegCommandConsole System() =>
        new(Console.In, Console.Out, Console.Error, Console.IsInputRedirected ? null : ReadHiddenLine);

    /// <summary>
    /// Reads a new password: twice, hidden, on a terminal (a typo must not lock the user out); one
    /// line from standard input otherwise (scripts pipe it in).
    /// </summary>
    /// <exception cref="KegCommandException">The two entries differ, or standard input is empty.</exception>
    public string ReadNewPassword()
    {
        if (ReadHidden is null)
        {
            return In.ReadLine() ?? throw new KegCommandException("No password on standard input.");
        }

        Out.Write("New password: ");
        var first = ReadHidden();
        Out.Write("Repeat it: ");
        var second = ReadHidden();
        return first == second ? first : throw new KegCommandException("The two passwords differ.");
    }

    private static string ReadHiddenLine()
    {
        var line = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return line.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                line.Length = Math.Max(0, line.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }
    }
}
