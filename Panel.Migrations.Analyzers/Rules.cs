using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Every diagnostic of the migration analyzers, in one table: id, title, message, category, default severity.
/// The help link of each is its page under <c>docs/diagnostics/</c>.
/// </summary>
public static class Rules
{
    private const string Reversibility = "Reversibility";
    private const string Determinism = "Determinism";
    private const string Security = "Security";
    private const string Sqlite = "SQLite";
    private const string PostgreSql = "PostgreSQL";
    private const string Compatibility = "Compatibility";
    private const string MySql = "MySQL";
    private const string Resume = "Resume";

    /// <summary>
    /// The help link of a rule: its page under the published docs (the build property <c>PanelMigrationsDocsUrl</c>,
    /// which defaults to the repository URL's <c>docs/diagnostics/</c>), or the path in the repository when the
    /// build knew no URL.
    /// </summary>
    public static string HelpLink(string id) => DocsUrl + id + ".md";

    private static readonly string DocsUrl = typeof(Rules).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), false)
        .Cast<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "PanelMigrationsDocsUrl" && !string.IsNullOrWhiteSpace(a.Value))?.Value
        ?? "docs/diagnostics/";

    private static DiagnosticDescriptor Rule(string id, string title, string message, string category, DiagnosticSeverity severity, string description, bool compilationEnd = false) =>
        compilationEnd
            ? new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLink(id), WellKnownDiagnosticTags.CompilationEnd)
            : new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLink(id));

    /// <summary>PMIG001: a migration has no Down and is not marked irreversible.</summary>
    public static readonly DiagnosticDescriptor MissingDown = Rule("PMIG001", "Migration has no Down",
        "Migration '{0}' has no Down: it cannot be downgraded. Write a Down that undoes Up, or mark the class [Irreversible(\"reason\")].",
        Reversibility, DiagnosticSeverity.Error,
        "A migration without Down leaves a failed release stuck at the new revision.");

    /// <summary>PMIG002: Down does not undo what Up creates or renames, or is empty while Up is not.</summary>
    public static readonly DiagnosticDescriptor DownDoesNotUndoUp = Rule("PMIG002", "Down does not undo Up",
        "Down of '{0}' does not undo Up: {1}. Add the inverse operations to Down, in reverse order.",
        Reversibility, DiagnosticSeverity.Warning,
        "A Down that leaves part of Up in place makes the next upgrade fail with 'already exists'.");

    /// <summary>PMIG003: a destructive operation without <c>[AcknowledgeDataLoss]</c>.</summary>
    public static readonly DiagnosticDescriptor DataLoss = Rule("PMIG003", "Destructive operation not acknowledged",
        "{0} destroys the data of {1} in '{2}'. Move it to a later release (expand/contract), or mark the class [AcknowledgeDataLoss(\"reason\")].",
        Reversibility, DiagnosticSeverity.Warning,
        "Dropped tables and columns cannot be brought back by Down; the data is gone.");

    /// <summary>PMIG004: an opt-out without a reason.</summary>
    public static readonly DiagnosticDescriptor EmptyReason = Rule("PMIG004", "Opt-out without a reason",
        "{0} on '{1}' has no reason, and an opt-out without one does not count. {2}.",
        Reversibility, DiagnosticSeverity.Error,
        "A copy-pasted opt-out lets risky migrations through; every opt-out must say why.");

    /// <summary>PMIG005: raw SQL in Up with none in Down.</summary>
    public static readonly DiagnosticDescriptor RawSqlWithoutInverse = Rule("PMIG005", "Raw SQL without an inverse",
        "Up of '{0}' runs raw SQL but Down runs none. Write the inverse SQL in Down, or mark the class [Irreversible(\"reason\")].",
        Reversibility, DiagnosticSeverity.Warning,
        "The tool cannot invert free SQL; only the author can.");

    /// <summary>PMIG020: a non-deterministic value in Up/Down.</summary>
    public static readonly DiagnosticDescriptor NonDeterministic = Rule("PMIG020", "Non-deterministic value in a migration",
        "'{0}' gives a different value on every run of '{1}'. Use a literal constant or a database-side default such as CURRENT_TIMESTAMP.",
        Determinism, DiagnosticSeverity.Warning,
        "Offline SQL, checksums and re-runs differ, and each database ends up with different data.");

    /// <summary>PMIG021: SQL built by interpolation or concatenation.</summary>
    public static readonly DiagnosticDescriptor BuiltSql = Rule("PMIG021", "SQL built by interpolation or concatenation",
        "The SQL passed to Execute in '{0}' is built from {1}. Pass values as parameters: Execute(sql, new SqlArgument(\"name\", value)).",
        Security, DiagnosticSeverity.Warning,
        "Values spliced into SQL text open the door to SQL injection and cannot be logged safely.");

    /// <summary>PMIG022: I/O or application code in Up/Down.</summary>
    public static readonly DiagnosticDescriptor ImpureMigration = Rule("PMIG022", "Up/Down does I/O or uses application code",
        "'{0}' is used in '{1}'; Up and Down must only describe operations on the builder. Use op.* calls and constants only.",
        Determinism, DiagnosticSeverity.Warning,
        "I/O in Up/Down breaks offline SQL and static analysis; application types change later and break old migrations.");

    /// <summary>PMIG023: an UPDATE/DELETE without WHERE.</summary>
    public static readonly DiagnosticDescriptor UnboundedDataChange = Rule("PMIG023", "Unbounded data change",
        "{0} without WHERE in '{1}' changes every row of '{2}'. Add a WHERE, batch the change, and keep it in its own migration.",
        Security, DiagnosticSeverity.Warning,
        "A statement without WHERE changes every row and holds locks for the whole table.");

    /// <summary>PMIG030: a SQLite change outside a batch.</summary>
    public static readonly DiagnosticDescriptor SqliteOutsideBatch = Rule("PMIG030", "SQLite change outside a batch",
        "SQLite cannot {0} on table '{1}' in place. Call it inside op.BatchAlterTable(\"{1}\", t => ...), which rebuilds the table.",
        Sqlite, DiagnosticSeverity.Error,
        "SQLite has no ALTER COLUMN or ADD/DROP CONSTRAINT, and DROP COLUMN fails in many cases.");

    /// <summary>PMIG031: raw ALTER that SQLite cannot run.</summary>
    public static readonly DiagnosticDescriptor SqliteRawAlter = Rule("PMIG031", "Raw ALTER that SQLite cannot run",
        "SQLite cannot run this ALTER TABLE on '{0}': {1}. Use the builder inside op.BatchAlterTable(\"{0}\", t => ...).",
        Sqlite, DiagnosticSeverity.Error,
        "SQLite's ALTER TABLE only renames tables and columns, adds a column within limits, and drops a column.");

    /// <summary>PMIG032: ADD COLUMN that SQLite rejects.</summary>
    public static readonly DiagnosticDescriptor SqliteAddColumn = Rule("PMIG032", "ADD COLUMN that SQLite rejects",
        "SQLite rejects adding column '{0}' to existing table '{1}': {2}. Add it inside op.BatchAlterTable(\"{1}\", t => ...), or use a constant default.",
        Sqlite, DiagnosticSeverity.Error,
        "SQLite's ADD COLUMN refuses non-constant defaults and NOT NULL columns whose default is NULL on tables with rows.");

    /// <summary>PMIG033: a batch rebuild of a table that others reference.</summary>
    public static readonly DiagnosticDescriptor SqliteRebuildReferenced = Rule("PMIG033", "Rebuild of a referenced table",
        "BatchAlterTable rebuilds '{0}', which table '{1}' references by a foreign key. The rebuild must run with foreign keys off, or ON DELETE CASCADE empties '{1}'.",
        Sqlite, DiagnosticSeverity.Info,
        "Dropping the old table during a rebuild fires ON DELETE actions of the tables that reference it.", compilationEnd: true);

    /// <summary>PMIG034: dropping a column that something else still uses.</summary>
    public static readonly DiagnosticDescriptor ColumnStillUsed = Rule("PMIG034", "Column still used elsewhere",
        "Column '{0}.{1}' is still used by {2}. Drop or rewrite it first, in the same migration.",
        Sqlite, DiagnosticSeverity.Warning,
        "SQLite refuses to drop an indexed column, and accepts dropping a column a trigger or another table's foreign key still uses, which breaks later writes.", compilationEnd: true);

    /// <summary>PMIG040: a PostgreSQL index built without CONCURRENTLY.</summary>
    public static readonly DiagnosticDescriptor IndexNotConcurrent = Rule("PMIG040", "Index built without CONCURRENTLY",
        "Index '{0}' on existing table '{1}' blocks all writes while PostgreSQL builds it. Pass concurrently: true, in a migration with Transaction = MigrationTransaction.None.",
        PostgreSql, DiagnosticSeverity.Warning,
        "CREATE INDEX holds a ShareLock that blocks writes for the whole build.");

    /// <summary>PMIG041: CONCURRENTLY inside a transaction.</summary>
    public static readonly DiagnosticDescriptor ConcurrentInTransaction = Rule("PMIG041", "CONCURRENTLY inside a transaction",
        "Index '{0}' is built concurrently but '{1}' runs in a transaction, which PostgreSQL refuses. Set Transaction = MigrationTransaction.None on its [Migration].",
        PostgreSql, DiagnosticSeverity.Error,
        "CREATE INDEX CONCURRENTLY cannot run inside a transaction block.");

    /// <summary>PMIG042: a foreign key added without NOT VALID.</summary>
    public static readonly DiagnosticDescriptor ForeignKeyValidated = Rule("PMIG042", "Foreign key without NOT VALID",
        "Foreign key '{0}' on existing table '{1}' scans every row while both tables are locked. Pass validate: false and validate it in a later migration.",
        PostgreSql, DiagnosticSeverity.Warning,
        "Adding a validated foreign key holds ShareRowExclusiveLock on both tables during a full scan.");

    /// <summary>PMIG043: a CHECK added without NOT VALID.</summary>
    public static readonly DiagnosticDescriptor CheckValidated = Rule("PMIG043", "CHECK without NOT VALID",
        "Check '{0}' on existing table '{1}' scans every row under an exclusive lock. Pass validate: false and validate it in a later migration.",
        PostgreSql, DiagnosticSeverity.Warning,
        "Adding a validated CHECK holds AccessExclusiveLock during a full scan.");

    /// <summary>PMIG044: SET NOT NULL on an existing column.</summary>
    public static readonly DiagnosticDescriptor SetNotNull = Rule("PMIG044", "SET NOT NULL on an existing column",
        "Making '{1}.{0}' NOT NULL scans the table under an exclusive lock and fails on any NULL. Add a CHECK (\"{0}\" IS NOT NULL) with validate: false, validate it, then set NOT NULL.",
        PostgreSql, DiagnosticSeverity.Warning,
        "SET NOT NULL takes AccessExclusiveLock and scans every row unless a validated CHECK proves it.");

    /// <summary>PMIG045: UNIQUE added directly.</summary>
    public static readonly DiagnosticDescriptor UniqueDirect = Rule("PMIG045", "UNIQUE constraint added directly",
        "Unique constraint '{0}' on existing table '{1}' builds its index under an exclusive lock. Create a unique index concurrently first, then attach it with USING INDEX.",
        PostgreSql, DiagnosticSeverity.Warning,
        "ADD CONSTRAINT UNIQUE builds the index while reads and writes are blocked.");

    /// <summary>PMIG046: ADD COLUMN that rewrites the table.</summary>
    public static readonly DiagnosticDescriptor AddColumnRewrite = Rule("PMIG046", "ADD COLUMN that rewrites the table",
        "Column '{0}' on existing table '{1}' {2}. Add it without a default, then set the default and backfill.",
        PostgreSql, DiagnosticSeverity.Warning,
        "A volatile default forces PostgreSQL (and MySQL for expression defaults) to rewrite every row.");

    /// <summary>PMIG050: NOT NULL column with no default on an existing table.</summary>
    public static readonly DiagnosticDescriptor NotNullWithoutDefault = Rule("PMIG050", "NOT NULL column with no default",
        "Column '{0}' is added NOT NULL with no default to existing table '{1}', whose rows have no value for it. Give it a constant serverDefault, or add it nullable and backfill.",
        Compatibility, DiagnosticSeverity.Error,
        "SQLite and PostgreSQL refuse the column on a table with rows; MySQL silently fills in zero values.");

    /// <summary>PMIG051: column type change.</summary>
    public static readonly DiagnosticDescriptor TypeChange = Rule("PMIG051", "Column type change",
        "Changing the type of '{1}.{0}' rewrites or copies the table and can lose data. Prefer expand/contract: a new column, backfill, switch, drop.",
        Compatibility, DiagnosticSeverity.Warning,
        "A type change rewrites the table under an exclusive lock (PostgreSQL), copies it (MySQL) or rebuilds it (SQLite).");

    /// <summary>PMIG052: rename that breaks running code.</summary>
    public static readonly DiagnosticDescriptor Rename = Rule("PMIG052", "Rename breaks running code",
        "Renaming {0} '{1}' to '{2}' breaks every query of running code that uses the old name. Use expand/contract, or mark the class [AcknowledgeBreakingChange(\"reason\")].",
        Compatibility, DiagnosticSeverity.Warning,
        "A rename is instant, but every running query on the old name fails at once.");

    /// <summary>PMIG053: identifier too long.</summary>
    public static readonly DiagnosticDescriptor IdentifierTooLong = Rule("PMIG053", "Identifier too long",
        "Name '{0}' is {1}; {2} keeps at most {3}. Shorten it.",
        Compatibility, DiagnosticSeverity.Warning,
        "PostgreSQL silently truncates names past 63 bytes and MySQL refuses names past 64 characters.");

    /// <summary>PMIG060: several DDL operations in one MySQL migration.</summary>
    public static readonly DiagnosticDescriptor MySqlSeveralDdl = Rule("PMIG060", "Several DDL operations in one migration",
        "{0} of '{1}' runs {2} DDL operations; MySQL commits each one, so a failure half-way cannot be rolled back. Put one DDL operation in each migration.",
        MySql, DiagnosticSeverity.Warning,
        "MySQL and MariaDB commit implicitly around every DDL statement, even one that fails.");

    /// <summary>PMIG061: an operation that forces a MySQL table copy.</summary>
    public static readonly DiagnosticDescriptor MySqlTableCopy = Rule("PMIG061", "Operation forces a table copy",
        "'{0}' makes MySQL copy table '{1}' with writes blocked. Use ALGORITHM=INPLACE or INSTANT with LOCK=NONE.",
        MySql, DiagnosticSeverity.Warning,
        "ALGORITHM=COPY and LOCK=SHARED/EXCLUSIVE block writes for the whole copy.");

    /// <summary>PMIG062: a FK/CHECK on an existing MySQL table.</summary>
    public static readonly DiagnosticDescriptor MySqlConstraintScan = Rule("PMIG062", "FK/CHECK on an existing MySQL table",
        "{0} '{1}' on existing table '{2}' blocks writes while MySQL checks every row. Run it in a maintenance window.",
        MySql, DiagnosticSeverity.Info,
        "MySQL has no NOT VALID: adding a foreign key or check scans the table while writes wait.");

    /// <summary>PMIG063: raw SQL that a resume cannot re-run safely, where each statement commits as it runs.</summary>
    public static readonly DiagnosticDescriptor NotResumable = Rule("PMIG063", "Statement a resume cannot re-run safely",
        "{0} in '{1}' runs where each statement commits as it runs ({2}): {3}. {4}.",
        Resume, DiagnosticSeverity.Warning,
        "On MySQL/MariaDB, and in a migration with Transaction = MigrationTransaction.None, the journal counts statements as they commit, " +
        "and upgrade/downgrade --resume continues from the first one not done: a statement that applies part of itself before it fails " +
        "is counted as not done and run again.");

    /// <summary>All descriptors.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        MissingDown, DownDoesNotUndoUp, DataLoss, EmptyReason, RawSqlWithoutInverse,
        NonDeterministic, BuiltSql, ImpureMigration, UnboundedDataChange,
        SqliteOutsideBatch, SqliteRawAlter, SqliteAddColumn, SqliteRebuildReferenced, ColumnStillUsed,
        IndexNotConcurrent, ConcurrentInTransaction, ForeignKeyValidated, CheckValidated, SetNotNull, UniqueDirect, AddColumnRewrite,
        NotNullWithoutDefault, TypeChange, Rename, IdentifierTooLong,
        MySqlSeveralDdl, MySqlTableCopy, MySqlConstraintScan, NotResumable);
}
