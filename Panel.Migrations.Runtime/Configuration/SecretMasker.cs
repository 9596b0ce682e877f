using System;
using System.Text;
using System.Text.RegularExpressions;

namespace Panel.Migrations;

/// <summary>
/// Hides secrets in text that echoes a database URI, however malformed: the password between
/// <c>://user:</c> and the last <c>@</c> (from the first colon when the slashes after the scheme are missing), a non-numeric "port" when there is no <c>@</c> (it may be a
/// password whose host was forgotten), and the values of query parameters whose name mentions a password.
/// </summary>
internal static partial class SecretMasker
{
    /// <summary>What a hidden secret is rendered as.</summary>
    public const string Mask = "***";

    /// <summary>
    /// Hides the secrets in free text a user may see (a progress line, an error, a log): the password of any URI in it, the
    /// value of a connection string's password key, and <paramref name="password"/> where it stands as a word of its own
    /// (never inside another word: a password "data" leaves "database" alone). The one masker of the command line and hosting.
    /// </summary>
    public static string MaskText(string text, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = UriPassword().Replace(text, m => m.Groups[1].Value + Mask + "@");
        text = MaskPasswordKeys(text);
        if (!string.IsNullOrEmpty(password) && password.Length >= 3)
            text = Regex.Replace(text, $"(?<![\\p{{L}}\\p{{N}}_]){Regex.Escape(password)}(?![\\p{{L}}\\p{{N}}_])", Mask, RegexOptions.CultureInvariant);
        return text;
    }

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:)[^\s@]+@")]
    private static partial Regex UriPassword();

    // The value of a password key: quoted ('' or "" inside stands for one quote), or unquoted up to ';' or the line's end,
    // spaces and quotes included, except a quote followed by a space, punctuation or the end: that one closes the text
    // the connection string was quoted in ("'Host=db;Password=p' has no scheme" keeps its closing quote).
    [GeneratedRegex(@"(\b(?:password|passwd|pwd|psw|ssl ?password)\s*=\s*)(?:""(?:[^""]|"""")*""(?!"")|'(?:[^']|'')*'(?!')|(?:[^;'""\r\n]|['""](?![\s.,;:)]|$))*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();

    /// <summary>Returns <paramref name="input"/> with every secret replaced by <see cref="Mask"/>.</summary>
    public static string MaskUri(string input)
    {
        // Where the authority (user info, host, port) starts: after "scheme://", or, when the slashes are wrong,
        // after "scheme:" and whatever slashes follow it. Without a scheme the user info starts at the beginning.
        int separator = input.IndexOf("://", StringComparison.Ordinal);
        int schemeColon = input.IndexOf(':');
        int start;
        if (separator >= 0)
        {
            start = separator + 3;
        }
        else if (schemeColon > 0)
        {
            start = schemeColon + 1;
            while (start < input.Length && input[start] == '/')
            {
                start++;
            }
        }
        else
        {
            start = 0;
        }

        int at = input.LastIndexOf('@');
        string masked;
        if (at >= 0)
        {
            // "scheme:user:password@" with a slash-less scheme cannot be told from "user:password@": hide from the
            // first colon, hiding the user too rather than risk showing part of the password.
            int from = (separator < 0 && start == schemeColon + 1) || at < start ? 0 : start;
            int colon = input.IndexOf(':', from, at - from);
            masked = colon < 0 ? input : string.Concat(input.AsSpan(0, colon + 1), Mask, input.AsSpan(at));
        }
        else
        {
            masked = MaskNonNumericPort(input, start);
        }

        // "scheme:Password=..." and other text that is neither quite a URI nor a connection string may still carry a
        // password key before the query (whose own password parameters MaskQuery hides).
        masked = MaskQuery(masked);
        int question = masked.IndexOf('?');
        return question < 0
            ? MaskPasswordKeys(masked)
            : string.Concat(MaskPasswordKeys(masked[..question]), masked.AsSpan(question));
    }

    private static string MaskPasswordKeys(string text) => KeyValuePassword().Replace(text, m => m.Groups[1].Value + Mask);

    /// <summary>Whether a query parameter's value is a secret, judged by its name.</summary>
    public static bool IsSecretParameter(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)
        || name.Equals("psw", StringComparison.OrdinalIgnoreCase);

    private static string MaskNonNumericPort(string input, int start)
    {
        int end = input.IndexOfAny(['/', '?'], start);
        if (end < 0)
        {
            end = input.Length;
        }

        int searchFrom = start;
        int bracket = input.IndexOf(']', start, end - start);
        if (bracket >= 0)
        {
            searchFrom = bracket + 1;
        }

        int colon = input.IndexOf(':', searchFrom, end - searchFrom);
        if (colon < 0)
        {
            return input;
        }

        ReadOnlySpan<char> port = input.AsSpan(colon + 1, end - colon - 1);
        foreach (char c in port)
        {
            if (c is < '0' or > '9')
            {
                return string.Concat(input.AsSpan(0, colon + 1), Mask, input.AsSpan(end));
            }
        }

        return input;
    }

    private static string MaskQuery(string input)
    {
        int question = input.IndexOf('?');
        if (question < 0)
        {
            return input;
        }

        var builder = new StringBuilder(input.Length);
        builder.Append(input, 0, question + 1);
        string[] pairs = input.Substring(question + 1).Split('&');
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            string pair = pairs[i];
            int equals = pair.IndexOf('=');
            string name = equals < 0 ? pair : pair.Substring(0, equals);
            if (equals >= 0 && IsSecretParameter(Uri.UnescapeDataString(name)))
            {
                builder.Append(name).Append('=').Append(Mask);
            }
            else
            {
                builder.Append(pair);
            }
        }

        return builder.ToString();
    }
}
