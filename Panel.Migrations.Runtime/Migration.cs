namespace Panel.Migrations;

/// <summary>
/// The base class of every migration. <see cref="Up"/> and <see cref="Down"/> only describe
/// operations on the <see cref="MigrationBuilder"/>; they never touch a connection, which is what makes
/// offline SQL, dry runs and static analysis possible.
/// </summary>
public abstract class Migration
{
    /// <summary>Describes the operations that move the schema forward to this revision.</summary>
    public abstract void Up(MigrationBuilder op);

    /// <summary>
    /// Describes the operations that undo <see cref="Up"/>. The default throws: a migration that cannot be
    /// undone says so with <see cref="IrreversibleAttribute"/>.
    /// </summary>
    public virtual void Down(MigrationBuilder op) =>
        throw new IrreversibleMigrationException(
            $"Migration {GetType().Name} has no Down; it cannot be downgraded. Override Down, or restore a backup taken before the upgrade.");
}
