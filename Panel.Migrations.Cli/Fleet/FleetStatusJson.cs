using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Panel.Migrations.Fleet;

namespace Panel.Migrations.Cli.Fleet;

/// <summary>
/// <c>fleet status --json</c>: schema <c>panel-migrations/fleet-status</c> version 1 (docs/fleet.md), written with
/// <see cref="Utf8JsonWriter"/> (no reflection).
/// </summary>
internal static class FleetStatusJson
{
    public const int Version = 1;

    public static string Write(FleetStatus status)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var run = status.Run;
            json.WriteStartObject();
            json.WriteString("schema", "panel-migrations/fleet-status");
            json.WriteNumber("version", Version);
            json.WriteString("run", run.RunId);
            json.WriteString("target", run.Target);
            json.WriteNumber("databases", run.Members);
            json.WriteString("waves", run.Waves);
            json.WriteString("stopRule", run.StopRule);
            json.WriteString("stopped", run.Stopped);
            json.WriteBoolean("succeeded", status.Succeeded);
            Counts(json, "byStatus", status.ByStatus);
            Counts(json, "byRevision", status.ByRevision);
            json.WriteStartArray("failures");
            foreach (var group in status.Failures)
            {
                json.WriteStartObject();
                json.WriteString("kind", group.Kind);
                json.WriteString("message", group.Message);
                json.WriteNumber("count", group.Count);
                json.WriteStartArray("databases");
                foreach (var database in group.Databases)
                    json.WriteStringValue(database);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Counts(Utf8JsonWriter json, string name, System.Collections.Generic.IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
            json.WriteNumber(key, count);
        json.WriteEndObject();
    }
}
