using System;
using System.Globalization;
using System.IO;

namespace Panel.Migrations.Cli;

/// <summary>
/// Shows the copy of a SQLite table rebuild as it goes, the one step that can take minutes: on a terminal one line
/// rewritten in place with the rows copied and the percentage; elsewhere (a log, a pipe) plain lines, one per tenth of
/// the copy. (The runner's own log already says when the rebuild starts and ends.)
/// </summary>
internal sealed class RebuildProgressOutput(TextWriter writer, Func<string, string> scrub, bool terminal)
{
    private int _shownTenth;

    public void Report(BatchProgress progress)
    {
        var table = progress.Table;
        switch (progress.Stage)
        {
            case BatchStage.Copying:
                _shownTenth = 0;
                if (terminal)
                    Write(Text($"\r  copying {progress.TotalRows:N0} row(s) of {table}: 0%"));
                else
                    WriteLine(Text($"  copying {progress.Rows:N0} row(s) of {table} ..."));
                break;
            case BatchStage.RowsCopied when terminal:
                Write(Text($"\r  copying {progress.TotalRows:N0} row(s) of {table}: {progress.Rows:N0} ({progress.Percent}%)"));
                break;
            case BatchStage.RowsCopied when progress.Percent / 10 > _shownTenth:
                _shownTenth = progress.Percent / 10;
                WriteLine(Text($"  {progress.Rows:N0} of {progress.TotalRows:N0} row(s) of {table} copied ({progress.Percent}%)"));
                break;
            case BatchStage.Copied:
                var done = Text($"  {progress.Rows:N0} row(s) of {table} copied in {progress.Elapsed.TotalSeconds:0.0} s (100%)");
                if (terminal)
                {
                    Write("\r" + done);
                    writer.WriteLine();
                }
                else
                {
                    WriteLine(done);
                }

                break;
        }
    }

    // Trailing spaces wipe what a longer earlier text left on the line.
    private void Write(string text) => writer.Write(scrub(text + "   "));

    private void WriteLine(string text) => writer.WriteLine(scrub(text));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
