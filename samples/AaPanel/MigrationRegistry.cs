using AaPanel.Migrations;
using Panel.Migrations;

namespace AaPanel;

/// <summary>The sample's migrations, listed by hand until the source generator builds this list.</summary>
public static class MigrationRegistry
{
    /// <summary>Every migration of the sample.</summary>
    public static MigrationMap Map { get; } = new(
    [
        new("001", [], "initial baseline", static () => new InitialBaseline()),
        new("5a1c0e7d9b21", ["001"], "add site type", static () => new AddSiteType()),
        new("77b32a0cf307", ["5a1c0e7d9b21"], "add crontab schedule, backup and notice columns", static () => new AddCrontabScheduleColumns()),
        new("69e6317080f5", ["77b32a0cf307"], "add log user and user salt", static () => new AddLogUserAndUserSalt()),
        new("e9ed90707fac", ["69e6317080f5"], "add message delivery columns", static () => new AddMessageDelivery()),
        new("e7bc2a2f2252", ["e9ed90707fac"], "add site project columns", static () => new AddSiteProjectColumns()),
        new("0fd0242d76ee", ["e7bc2a2f2252"], "add remote database columns", static () => new AddRemoteDatabaseColumns()),
        new("0e7a6bfdf9fe", ["0fd0242d76ee"], "add firewall rule columns", static () => new AddFirewallRuleColumns()),
        new("8c7222f0b38b", ["0e7a6bfdf9fe"], "add deploy auto restart", static () => new AddDeployAutoRestart()),
        new("b44225f914de", ["8c7222f0b38b"], "add site parent", static () => new AddSiteParent()),
        new("b33b0e9ade3e", ["b44225f914de"], "Add SSL column to sites", static () => new AddSslColumnToSites()),
        new("93b057731d7c", ["b33b0e9ade3e"], "Create api_keys table", static () => new CreateApiKeysTable()),
    ]);
}
