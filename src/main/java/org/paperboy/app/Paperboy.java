package org.paperboy.app;

import org.paperboy.papers.PaperLoader;

/**
 * The pipeline, wired from config. This is the one place the pieces are put together: the CLI,
 * the scheduler and the tests all call {@link #wire}.
 */
public record Paperboy(PaperboyConfig config, PaperLoader loader) {

    public static Paperboy wire(PaperboyConfig config) {
        return new Paperboy(config, new PaperLoader(config.papers()));
    }
}
