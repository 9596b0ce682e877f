#!/usr/bin/env python3
"""Applies one batch scenario with Alembic's op.batch_alter_table to a SQLite file.

Usage: alembic_batch.py DB SCENARIO
Called by tests/Panel.Migrations.Tests/Batch/AlembicComparisonTests.cs, which applies the same change with
Panel.Migrations to a copy of the same database and compares the two through SQLite's catalog.
Needs Debian's python3-alembic (run with /usr/bin/python3).
"""
import sys

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def b1(op):
    with op.batch_alter_table("foo") as b:
        b.add_column(sa.Column("y", sa.Integer()))


def b2(op):
    with op.batch_alter_table("foo") as b:
        b.add_column(sa.Column("y", sa.Integer(), nullable=False, server_default=sa.text("0")))


def b7(op):
    with op.batch_alter_table("foo") as b:
        b.drop_column("data")


def b8(op):
    with op.batch_alter_table("foo") as b:
        b.alter_column("x", new_column_name="y")


def b9(op):
    with op.batch_alter_table("foo") as b:
        b.alter_column("data", type_=sa.Integer())


def b10(op):
    with op.batch_alter_table("foo") as b:
        b.alter_column("x", existing_type=sa.Integer(), nullable=False)


def b11(op):
    with op.batch_alter_table("foo") as b:
        b.create_unique_constraint("uq_foo_x", ["x"])


def b17b(op):
    with op.batch_alter_table("foo", recreate="always") as b:
        b.add_column(sa.Column("y", sa.Integer()), insert_after="id")


def c14(op):
    with op.batch_alter_table("foo") as b:
        b.drop_column("data")
        b.add_column(sa.Column("y", sa.Integer()))
        b.create_index("ix_foo_y", ["y"])


def c3(op):
    with op.batch_alter_table("foo") as b:
        b.alter_column("x", existing_type=sa.Integer(), nullable=False)


def c10(op):
    with op.batch_alter_table("ix") as b:
        b.alter_column("a", existing_type=sa.Integer(), nullable=False)


def c12(op):
    with op.batch_alter_table("auto") as b:
        b.alter_column("v", existing_type=sa.Text(), nullable=False)


def c7b(op):
    with op.batch_alter_table("chk") as b:
        b.alter_column("r", existing_type=sa.Integer(), nullable=False)


def fk(op):
    with op.batch_alter_table("bar") as b:
        b.create_foreign_key("fk_bar_foo", "foo", ["foo_id"], ["id"], ondelete="CASCADE")


def ck(op):
    with op.batch_alter_table("foo") as b:
        b.create_check_constraint("ck_foo_x", "x > 0")
        b.alter_column("data", existing_type=sa.String(50), server_default="none")


def main():
    db, scenario = sys.argv[1], sys.argv[2]
    engine = sa.create_engine("sqlite:///" + db)
    with engine.begin() as connection:
        op = Operations(MigrationContext.configure(connection))
        globals()[scenario](op)


if __name__ == "__main__":
    main()
