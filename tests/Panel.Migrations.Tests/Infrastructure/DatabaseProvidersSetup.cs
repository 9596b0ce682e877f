using System.Runtime.CompilerServices;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// Registers the server providers for the whole test assembly, as the generated registry does in an app: the tests build
/// their maps by hand, without the generator.
/// </summary>
internal static class DatabaseProvidersSetup
{
    [ModuleInitializer]
    internal static void Register()
    {
        PostgreSqlProvider.Register();
        MySqlProvider.Register();
    }
}
