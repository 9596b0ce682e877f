namespace Panel.Migrations.Analyzers.RawSql;

/// <summary>The statement shapes the analyzers recognise in SQL passed to <c>Execute</c>.</summary>
internal enum RawStatementKind
{
    /// <summary>Anything else.</summary>
    Other,
    /// <summary><c>CREATE TABLE t</c>.</summary>
    CreateTable,
    /// <summary><c>DROP TABLE t</c>.</summary>
    DropTable,
    /// <summary><c>TRUNCATE [TABLE] t</c>.</summary>
    Truncate,
    /// <summary><c>ALTER TABLE t ADD [COLUMN] c ...</c>.</summary>
    AddColumn,
    /// <summary><c>ALTER TABLE t DROP [COLUMN] c</c>.</summary>
    DropColumn,
    /// <summary><c>ALTER TABLE t RENAME TO u</c>.</summary>
    RenameTable,
    /// <summary>Any other <c>ALTER TABLE t ...</c>.</summary>
    AlterTable,
    /// <summary><c>CREATE [UNIQUE] INDEX i ON t</c>.</summary>
    CreateIndex,
    /// <summary><c>DROP INDEX i</c>.</summary>
    DropIndex,
    /// <summary><c>UPDATE t ...</c>.</summary>
    Update,
    /// <summary><c>DELETE FROM t ...</c>.</summary>
    Delete,
}
