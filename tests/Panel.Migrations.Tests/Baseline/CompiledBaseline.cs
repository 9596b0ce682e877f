using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Tests.Generator;
using Xunit;

namespace Panel.Migrations.Tests.Baseline;

/// <summary>Compiles a migration that <c>baseline</c> wrote, in memory and with no warning allowed, and makes instances of it.</summary>
internal static class CompiledBaseline
{
    /// <summary>Compiles <paramref name="source"/> (class <c>App.Migrations.Baseline</c>, or with null its one migration class) and returns a factory of the migration.</summary>
    public static Func<Migration> Load(string source, string? typeName = "App.Migrations.Baseline")
    {
        var compilation = GeneratorHarness.Compile(("Baseline.cs", source));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
        var assembly = Assembly.Load(image.ToArray());
        var type = typeName is null ? assembly.GetTypes().Single(t => typeof(Migration).IsAssignableFrom(t)) : assembly.GetType(typeName)!;
        return () => (Migration)Activator.CreateInstance(type)!;
    }

    /// <summary>A one-revision map (<c>b0</c>) of the compiled migration.</summary>
    public static MigrationMap Map(Func<Migration> migration) => new([new MigrationInfo("b0", null, "baseline", migration)]);
}
