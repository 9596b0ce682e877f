namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// A small panel-like schema with everything a rebuild must keep: AUTOINCREMENT with a counter above the highest
/// id, COLLATE, named and unnamed CHECKs, UNIQUE, plain/unique/partial/expression/DESC indexes, a child with
/// ON DELETE CASCADE, a composite primary key, a rowid table without an alias, a trigger and views.
/// </summary>
internal static class PanelSchema
{
    public const string Sql = """
        CREATE TABLE sites (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name VARCHAR(64) NOT NULL COLLATE NOCASE,
            path TEXT DEFAULT '/www/wwwroot',
            port INTEGER DEFAULT (80) CHECK (port > 0),
            status TEXT CONSTRAINT ck_sites_status CHECK (status IN ('on', 'off')),
            note TEXT,
            UNIQUE (name)
        );
        CREATE INDEX ix_sites_port_desc ON sites (port DESC, name);
        CREATE UNIQUE INDEX ux_sites_note ON sites (note) WHERE note IS NOT NULL;
        CREATE INDEX ix_sites_lower ON sites (lower(path));
        CREATE TABLE domains (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
            host TEXT NOT NULL
        );
        CREATE INDEX ix_domains_site ON domains (site_id);
        CREATE TABLE site_tags (
            site_id INTEGER NOT NULL,
            tag TEXT NOT NULL,
            weight REAL DEFAULT 1.0,
            PRIMARY KEY (site_id, tag),
            FOREIGN KEY (site_id) REFERENCES sites (id)
        );
        CREATE TABLE logs (msg TEXT, level INTEGER);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
        CREATE TRIGGER tr_sites_insert AFTER INSERT ON sites BEGIN INSERT INTO audit (what) VALUES ('added ' || new.name); END;
        CREATE VIEW v_sites AS SELECT s.id, s.name, COUNT(d.id) AS domains FROM sites s LEFT JOIN domains d ON d.site_id = s.id GROUP BY s.id;
        CREATE VIEW v_site_names AS SELECT name FROM v_sites;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
        INSERT INTO sites (name, path, port, status, note)
            SELECT 'site' || i, '/www/s' || i, 80 + i, CASE WHEN i % 2 = 0 THEN 'on' ELSE 'off' END, CASE WHEN i % 3 = 0 THEN 'n' || i END FROM n;
        DELETE FROM sites WHERE id > 50;
        INSERT INTO domains (site_id, host) SELECT id, 'd' || id || '.example.com' FROM sites;
        INSERT INTO domains (site_id, host) SELECT id, 'www.d' || id || '.example.com' FROM sites WHERE id <= 10;
        INSERT INTO site_tags SELECT id, 'tag' || (id % 4), id / 10.0 FROM sites;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
        INSERT INTO logs SELECT 'm' || i, i % 5 FROM n;
        DELETE FROM logs WHERE level = 2;
        """;
}
