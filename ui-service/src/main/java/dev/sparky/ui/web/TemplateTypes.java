package dev.sparky.ui.web;

import dev.sparky.contracts.api.AttemptView;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.ui.api.ProjectView;
import dev.sparky.ui.dispatcher.ArtifactView;
import io.quarkus.qute.TemplateData;

/**
 * The types the shared row templates (templates/tags) read. Those templates take untyped parameters, so their
 * value resolvers are generated from this list rather than from type-checked expressions.
 */
@TemplateData(target = BuildView.class)
@TemplateData(target = AttemptView.class)
@TemplateData(target = Overview.class)
@TemplateData(target = QueueEntry.class)
@TemplateData(target = ProjectView.class)
@TemplateData(target = ArtifactView.class)
@TemplateData(target = BuildFiles.class)
final class TemplateTypes {
    private TemplateTypes() {}
}
