namespace Panel.Migrations.Analyzers;

/// <summary>The kinds of builder calls the analyzers understand.</summary>
public enum OpKind
{
    /// <summary>A call the analyzers do not model.</summary>
    Other,
    /// <summary><c>CreateTable</c>.</summary>
    CreateTable,
    /// <summary><c>DropTable</c>.</summary>
    DropTable,
    /// <summary><c>RenameTable</c>.</summary>
    RenameTable,
    /// <summary><c>AddColumn</c>.</summary>
    AddColumn,
    /// <summary><c>DropColumn</c>.</summary>
    DropColumn,
    /// <summary><c>AlterColumn</c>.</summary>
    AlterColumn,
    /// <summary><c>CreateIndex</c>.</summary>
    CreateIndex,
    /// <summary><c>DropIndex</c>.</summary>
    DropIndex,
    /// <summary><c>CreateUniqueConstraint</c>.</summary>
    AddUnique,
    /// <summary><c>CreateCheckConstraint</c>.</summary>
    AddCheck,
    /// <summary><c>CreateForeignKey</c>.</summary>
    AddForeignKey,
    /// <summary><c>DropConstraint</c>.</summary>
    DropConstraint,
    /// <summary><c>Execute</c>.</summary>
    Execute,
    /// <summary><c>InsertRows</c>.</summary>
    InsertRows,
    /// <summary><c>BatchAlterTable</c>.</summary>
    BatchAlterTable,
    /// <summary>A column declared inside <c>CreateTable</c>.</summary>
    TableColumn,
    /// <summary>A foreign key declared inside <c>CreateTable</c>.</summary>
    TableForeignKey,
    /// <summary>Another constraint declared inside <c>CreateTable</c>.</summary>
    TableConstraint,
}
