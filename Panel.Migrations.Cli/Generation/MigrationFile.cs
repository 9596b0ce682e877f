using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Panel.Migrations.Cli.Generation;

/// <summary>
/// The template of a new migration class file, <c>_&lt;rev&gt;_&lt;ClassName&gt;.cs</c>: a fresh revision id, its down
/// revision(s), an empty <c>Up</c> and <c>Down</c>.
/// </summary>
internal sealed class MigrationFile
{
    private const int MaxClassNameLength = 40;

    // C#'s reserved keywords: a folder named out/ or class/ is namespace @out (a namespace cannot be a bare keyword).
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default",
        "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto",
        "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
        "virtual", "void", "volatile", "while",
    };

    public MigrationFile(string revision, IReadOnlyList<string> downRevisions, string message, string @namespace, string className, DateTimeOffset created)
    {
        Revision = revision;
        DownRevisions = downRevisions;
        Message = message;
        Namespace = @namespace;
        ClassName = className;
        Created = created;
    }

    public string Revision { get; }

    public IReadOnlyList<string> DownRevisions { get; }

    public string Message { get; }

    public string Namespace { get; }

    public string ClassName { get; }

    public DateTimeOffset Created { get; }

    public string FileName => "_" + Revision + "_" + ClassName + ".cs";

    /// <summary>12 random lower-case hex digits, as Alembic's <c>uuid4().hex[-12:]</c>.</summary>
    public static string NewRevisionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>The message in PascalCase, letters and digits only, cut at a word boundary near 40 characters: "Add SSL column to sites" gives AddSslColumnToSites.</summary>
    public static string ClassNameFor(string message)
    {
        var words = Words(message);
        var name = new StringBuilder();
        foreach (var word in words)
        {
            if (name.Length > 0 && name.Length + word.Length > MaxClassNameLength)
            {
                break;
            }

            name.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1).ToLowerInvariant());
        }

        if (name.Length == 0)
        {
            return "EmptyMessage";
        }

        return char.IsDigit(name[0]) ? "Migration" + name : name.ToString();
    }

    /// <summary>A namespace from the root namespace and the folder's path under the base directory (MSBuild's convention).</summary>
    public static string NamespaceFor(string? rootNamespace, string folder, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, folder);
        var segments = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? [Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))]
            : relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Where(s => s.Length > 0 && s != ".");
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(rootNamespace))
        {
            parts.Add(rootNamespace.Trim());
        }

        parts.AddRange(segments.Select(Identifier));
        return parts.Count == 0 ? "Migrations" : string.Join(".", parts);
    }

    /// <summary>The file's C# text.</summary>
    public string Render()
    {
        var attribute = new StringBuilder("[Migration(").Append(Literal(Revision));
        if (DownRevisions.Count == 1)
        {
            attribute.Append(", DownRevision = ").Append(Literal(DownRevisions[0]));
        }
        else if (DownRevisions.Count > 1)
        {
            attribute.Append(", DownRevisions = new[] { ").Append(string.Join(", ", DownRevisions.Select(Literal))).Append(" }");
        }

        attribute.Append(", Message = ").Append(Literal(Message)).Append(")]");
        var summary = Message.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return $$"""
            // Revision ID: {{Revision}}
            // Revises: {{(DownRevisions.Count == 0 ? "<base>" : string.Join(", ", DownRevisions))}}
            // Create Date: {{Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}}
            using Panel.Migrations;

            namespace {{Namespace}};

            /// <summary>{{summary}}</summary>
            {{attribute}}
            public sealed class {{ClassName}} : Migration
            {
                /// <inheritdoc />
                public override void Up(MigrationBuilder op)
                {
                }

                /// <inheritdoc />
                public override void Down(MigrationBuilder op)
                {
                }
            }

            """;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c)))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static string Identifier(string segment)
    {
        var name = new string(segment.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        return name.Length == 0 || char.IsDigit(name[0]) ? "_" + name : Keywords.Contains(name) ? "@" + name : name;
    }

    private static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
