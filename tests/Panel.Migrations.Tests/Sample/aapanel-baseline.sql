-- aaPanel's panel database (data/default.db): the 27 tables of a running v8.10.0 panel, with their
-- 5 indexes and 1 trigger -- the schema that samples/AaPanel's baseline revision 001 reproduces.
--
-- Test data, not code of this project: copied from ../shared/reference/aapanel-schema.sql (Parts A, B
-- and C), whose statement text is aaPanel's own (github.com/aaPanel/aaPanel @ 88012af9, "Update to
-- v8.10.0"). Part A is data/default.db's sqlite_master.sql; Part B comes from class/jobs.py sql_pacth();
-- Part C from class_v2/safeModelV2/firewallModel.py. Columns aaPanel adds later with ALTER TABLE are not
-- here (they are the sample's later revisions). The tests parse the CREATE TABLE statements of this file
-- and build a legacy database from it with Microsoft.Data.Sqlite.

-- ======================================================================
-- Part A: shipped tables -- aaPanel/aaPanel @ 88012af9 : data/default.db (sqlite_master.sql)
-- ======================================================================

-- backup
CREATE TABLE `backup` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `type` INTEGER,
  `name` TEXT,
  `pid` INTEGER,
  `filename` TEXT,
  `size` INTEGER,
  `addtime` TEXT
);

-- binding
CREATE TABLE `binding` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `pid` INTEGER,
  `domain` TEXT,
  `path` TEXT,
  `port` INTEGER,
  `addtime` TEXT
);

-- config
CREATE TABLE `config` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `webserver` TEXT,
  `backup_path` TEXT,
  `sites_path` TEXT,
  `status` INTEGER,
  `mysql_root` TEXT
);

-- crontab
CREATE TABLE `crontab` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `name` TEXT,
  `type` TEXT,
  `where1` TEXT,
  `where_hour` INTEGER,
  `where_minute` INTEGER,
  `echo` TEXT,
  `addtime` TEXT
);

-- databases
CREATE TABLE `databases` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `pid` INTEGER,
  `name` TEXT,
  `username` TEXT,
  `password` TEXT,
  `accept` TEXT,
  `ps` TEXT,
  `addtime` TEXT
);

-- firewall
CREATE TABLE `firewall` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `port` TEXT,
  `ps` TEXT,
  `addtime` TEXT
);

-- ftps
CREATE TABLE `ftps` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `pid` INTEGER,
  `name` TEXT,
  `password` TEXT,
  `path` TEXT,
  `status` TEXT,
  `ps` TEXT,
  `addtime` TEXT
);

-- logs
CREATE TABLE `logs` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `type` TEXT,
  `log` TEXT,
  `addtime` TEXT
);

-- sites
CREATE TABLE `sites` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `name` TEXT,
  `path` TEXT,
  `status` TEXT,
  `index` TEXT,
  `ps` TEXT,
  `addtime` TEXT
);

-- domain
CREATE TABLE `domain` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `pid` INTEGER,
  `name` TEXT,
  `port` INTEGER,
  `addtime` TEXT
);

-- users
CREATE TABLE `users` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `username` TEXT,
  `password` TEXT,
  `login_ip` TEXT,
  `login_time` TEXT,
  `phone` TEXT,
  `email` TEXT
);

-- tasks
CREATE TABLE `tasks` (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  `name` 			TEXT,
  `type`			TEXT,
  `status` 		TEXT,
  `addtime` 	TEXT,
  `start` 	  INTEGER,
  `end` 	    INTEGER,
  `execstr` 	TEXT
);

-- ======================================================================
-- Part B: created on every start by class/jobs.py :: sql_pacth()  (BT-Panel runs `python3 class/jobs.py` at startup)
-- ======================================================================

-- site_types  <- class/jobs.py (line 394)
CREATE TABLE IF NOT EXISTS `site_types` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`name` REAL,
`ps` REAL
);

-- wp_site_types  <- class/jobs.py (line 403)
CREATE TABLE IF NOT EXISTS `wp_site_types` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`name` TEXT,
`ps` TEXT
);

-- download_token  <- class/jobs.py (line 414)
CREATE TABLE IF NOT EXISTS `download_token` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`token` REAL,
`filename` REAL,
`total` INTEGER DEFAULT 0,
`expire` INTEGER,
`password` REAL,
`ps` REAL,
`addtime` INTEGER
);

-- git_sites_auth  <- class/jobs.py (line 427)
CREATE TABLE IF NOT EXISTS `git_sites_auth` (
      `id` INTEGER PRIMARY KEY AUTOINCREMENT,
      `site_id` INTEGER,
      `auth_type` TEXT,
      `oauth_access_token` TEXT,
      `oauth_scope` TEXT,
      `oauth_token_type` TEXT,
      `branch` TEXT,
      `repo` TEXT,
      `key_path` TEXT,  
      `number_copies` INTEGER DEFAULT 5
);

-- site_deploy_status  <- class/jobs.py (line 447)
CREATE TABLE IF NOT EXISTS `site_deploy_status` (
        `id` INTEGER PRIMARY KEY AUTOINCREMENT,
        `site_id` INTEGER,
        `status` INTEGER,
        `deploy_status` INTEGER,
        `script_path` TEXT,
        `log_path` TEXT,
        `deployment_time` TEXT,
        `execut_time` TEXT,
        `commit_hash` TEXT,
        `commit_hash_short` TEXT,
        `msg` TEXT,
        `author_name` TEXT,
        `committed_time` TEXT
    );

-- site_deploy_script  <- class/jobs.py (line 466)
CREATE TABLE IF NOT EXISTS `site_deploy_script` (
        `id` INTEGER PRIMARY KEY AUTOINCREMENT,
        `site_id` INTEGER,
        `title` TEXT,
        `script_path` TEXT,
        `is_webhook` INTEGER DEFAULT 0
    );

-- messages  <- class/jobs.py (line 481)
CREATE TABLE IF NOT EXISTS `messages` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`level` TEXT,
`msg` TEXT,
`state` INTEGER DEFAULT 0,
`expire` INTEGER,
`addtime` INTEGER
);

-- temp_login  <- class/jobs.py (line 492)
CREATE TABLE IF NOT EXISTS `temp_login` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`token` REAL,
`salt` REAL,
`state` INTEGER,
`login_time` INTEGER,
`login_addr` REAL,
`logout_time` INTEGER,
`expire` INTEGER,
`addtime` INTEGER
);

-- database_servers  <- class/jobs.py (line 506)
CREATE TABLE IF NOT EXISTS `database_servers` (
`id` INTEGER PRIMARY KEY AUTOINCREMENT,
`db_host` REAL,
`db_port` REAL,
`db_user` INTEGER,
`db_password` INTEGER,
`ps` REAL,
`addtime` INTEGER
);

-- security  <- class/jobs.py (line 518)
CREATE TABLE IF NOT EXISTS `security` (
    `id` INTEGER PRIMARY KEY AUTOINCREMENT,
    `type` TEXT,
    `log` TEXT,
    `addtime` INTEGER DEFAULT 0
    );

-- ======================================================================
-- Part C: created on every start by class_v2/safeModelV2/firewallModel.py :: Sqlite().create_table() (called from sql_pacth) and the module-level create_trigger()
-- ======================================================================

-- firewall_new  <- class_v2/safeModelV2/firewallModel.py (line 4020)
CREATE TABLE IF NOT EXISTS "firewall_new" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "protocol" TEXT DEFAULT '',
                "ports" TEXT,
                "types" TEXT,
                "address" TEXT DEFAULT '',
                "brief" TEXT DEFAULT '',
                "addtime" TEXT DEFAULT '');

-- firewall_new_port  <- class_v2/safeModelV2/firewallModel.py (line 4028)
CREATE INDEX firewall_new_port ON firewall_new (ports);

-- firewall_ip  <- class_v2/safeModelV2/firewallModel.py (line 4062)
CREATE TABLE "firewall_ip" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "types" TEXT,
                "address" TEXT DEFAULT '',
                "brief" TEXT DEFAULT '',
                "addtime" TEXT DEFAULT '',
                "sid" INTEGER DEFAULT 0,
                "domain" TEXT DEFAULT '',
                "chain" TEXT DEFAULT ''
                );

-- firewall_ip_addr  <- class_v2/safeModelV2/firewallModel.py (line 4073)
CREATE INDEX firewall_ip_addr ON firewall_ip (address);

-- firewall_trans  <- class_v2/safeModelV2/firewallModel.py (line 4078)
CREATE TABLE firewall_trans (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "start_port" TEXT,
                "ended_ip" TEXT,
                "ended_port" TEXT,
                "protocol" TEXT DEFAULT '',
                "addtime" TEXT DEFAULT '');

-- firewall_trans_port  <- class_v2/safeModelV2/firewallModel.py (line 4086)
CREATE INDEX firewall_trans_port ON firewall_trans (start_port);

-- firewall_country  <- class_v2/safeModelV2/firewallModel.py (line 4092)
CREATE TABLE "firewall_country" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "types" TEXT,
                "country" TEXT DEFAULT '',
                "brief" TEXT DEFAULT '',
                "addtime" TEXT DEFAULT '');

-- firewall_country_name  <- class_v2/safeModelV2/firewallModel.py (line 4098)
CREATE INDEX firewall_country_name ON firewall_country (country);

-- firewall_domain  <- class_v2/safeModelV2/firewallModel.py (line 4102)
CREATE TABLE "firewall_domain" (
                "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "types" TEXT,
                "domain" TEXT,
                "domain_total" TEXT,
                "port" TEXT,
                "sid" int DEFAULT 0,
                "address" TEXT DEFAULT '',
                "brief" TEXT DEFAULT '',
                "protocol" TEXT DEFAULT '',
                "addtime" TEXT DEFAULT '');

-- firewall_domain_addr  <- class_v2/safeModelV2/firewallModel.py (line 4113)
CREATE INDEX firewall_domain_addr ON firewall_domain (domain);

-- update_port  <- class_v2/safeModelV2/firewallModel.py (line 4159)
CREATE TRIGGER update_port AFTER DELETE ON firewall
        when old.port!=''
        BEGIN
            delete from firewall_new where ports = old.port;
            delete from firewall_ip where address = old.port;
        END;

-- aaPanel also runs the statement below (class_v2/safeModelV2/firewallModel.py line 4115);
-- it always fails (no table firewall_malicious_ip is created anywhere in the repo), so the index never exists:
-- CREATE INDEX firewall_malicious_ip_address ON firewall_malicious_ip (address);

