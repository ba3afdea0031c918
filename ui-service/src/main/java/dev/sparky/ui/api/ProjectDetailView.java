package dev.sparky.ui.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.List;

/**
 * One project ({@code GET /api/v1/projects/{p}}): the list entry's fields (flattened) plus the parameter form and the YAML text.
 *
 * @param vars the parameter form (name, type, defaultValue, values, multiple, groups)
 * @param groupVars the groups the form is split into
 * @param yaml the sparky.yaml text as it is on disk (empty when missing)
 */
public record ProjectDetailView(
        @JsonUnwrapped ProjectView project, List<VarSpec> vars, List<String> groupVars, String yaml) {}
