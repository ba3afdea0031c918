-- Sparky's db-init.raku schema, exactly; the rows as sparky-runner inserts and updates them.
CREATE TABLE builds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project     varchar(255),
    job_id      varchar(255),
    description TEXT,
    state       int,
    dt datetime default current_timestamp
);
INSERT INTO builds (project, job_id, description, state, dt) VALUES ('hello', 'AbCdEfGhIjKlMnOpQrSt.1021', 'triggered by user admin', 1, '2025-06-02 10:00:01');
INSERT INTO builds (project, job_id, description, state, dt) VALUES ('hello', 'cron.ZyXwVuTsRqPoNmLkJiHg.977', 'triggered by cron', 1, '2025-06-02 10:30:00');
INSERT INTO builds (project, job_id, description, state, dt) VALUES ('deploy', 'QwErTyUiOpAsDfGhJkLz.1021', 'run by scm main [1a2b3c4d]', -1, '2025-06-03 08:15:42');
INSERT INTO builds (project, job_id, description, state, dt) VALUES ('deploy', 'MnBvCxZlKjHgFdSaPoIu.1021', 'triggered by user ops', -11, '2025-06-03 09:00:00');
INSERT INTO builds (project, job_id, description, state, dt) VALUES ('deploy', 'LkJhGfDsApOiUyTrEwQm.1300', 'triggered by user ops', 0, '2025-06-04 12:00:00');
