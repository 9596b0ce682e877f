namespace Panel.Migrations;

/// <summary>The kind of database server a <see cref="DatabaseUri"/> points at.</summary>
public enum DatabaseKind
{
    /// <summary>A SQLite file (or an in-memory SQLite database): <c>sqlite:///path.db</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: <c>postgresql://</c>, <c>postgres://</c> or <c>postgresql+driver://</c>.</summary>
    PostgreSql,

    /// <summary>A MySQL or MariaDB server: <c>mysql://</c>, <c>mysql+driver://</c> or <c>mariadb://</c>.</summary>
    MySql,
}
