using System.Linq;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Generator.Model;

namespace Panel.Migrations.Generator;

/// <summary>
/// The database provider packages a compilation references (directly or through another package), as the classes
/// whose <c>Register()</c> the registry calls: an app that adds Panel.Migrations.PostgreSql gets PostgreSQL without
/// writing code, and the runtime finds its providers without reflection.
/// </summary>
internal static class ProviderReferences
{
    // Assembly name → its registration class, in the order the registry calls them.
    private static readonly (string Assembly, string Provider)[] Known =
    [
        ("Panel.Migrations.PostgreSql", "global::Panel.Migrations.PostgreSqlProvider"),
        ("Panel.Migrations.MySql", "global::Panel.Migrations.MySqlProvider"),
    ];

    public static EquatableArray<string> Of(Compilation compilation)
    {
        var referenced = compilation.ReferencedAssemblyNames.Select(a => a.Name).ToList();
        return new EquatableArray<string>(Known.Where(k => referenced.Contains(k.Assembly)).Select(k => k.Provider).ToArray());
    }
}
