// expect: 
// dialects: postgresql
// A table raw SQL created in the same Up is new: no lock to fear when indexing it.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("059", DownRevision = "000")]
public sealed class M059 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)");
        op.CreateIndex("ix_notes_body", "notes", ["body"]);
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropTable("notes");
    }
}
