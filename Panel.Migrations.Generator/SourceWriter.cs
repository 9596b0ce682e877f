using System.Text;

namespace Panel.Migrations.Generator;

/// <summary>A string builder that keeps track of the indentation (four spaces a level) and writes '\n' line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public override string ToString() => _text.ToString();
}
