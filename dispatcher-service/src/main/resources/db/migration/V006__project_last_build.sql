-- Each project's newest build, for the dashboard: one row per project instead of one index probe per project
-- (1,000 projects were 1,000 lookups, about 18 ms, on every dashboard request). Kept by triggers, so every
-- writer of builds (the engine, retention, the benchmark's generator) keeps it right without knowing of it.
-- Trigger bodies stay on one line ("...; END;"): the migration runner splits statements at a ";" that ends a line.
CREATE TABLE project_last_build (
    project  TEXT PRIMARY KEY,
    build_id INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO project_last_build (project, build_id) SELECT project, MAX(id) FROM builds GROUP BY project;

CREATE TRIGGER project_last_build_insert AFTER INSERT ON builds
BEGIN INSERT INTO project_last_build (project, build_id) VALUES (NEW.project, NEW.id) ON CONFLICT (project) DO UPDATE SET build_id = MAX(build_id, excluded.build_id); END;

-- Retention removes the oldest builds, so this rarely does anything; when the newest goes, the next one takes over.
CREATE TRIGGER project_last_build_delete AFTER DELETE ON builds
WHEN OLD.id = (SELECT build_id FROM project_last_build WHERE project = OLD.project)
BEGIN DELETE FROM project_last_build WHERE project = OLD.project; INSERT INTO project_last_build (project, build_id) SELECT project, MAX(id) FROM builds WHERE project = OLD.project GROUP BY project; END;
