package dev.sparky.dispatcher.importer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What the import did and what it could not carry over, printed as it goes and summed up at the end. */
public final class ImportReport {
    private final PrintStream out;
    private final List<String> notes = new ArrayList<>();

    public ImportReport(PrintStream out) {
        this.out = out;
    }

    /** Something done. */
    public void step(String line) {
        out.println(line);
        out.flush();
    }

    /** Something not carried over, or to be done by hand: repeated in the summary. */
    public void note(String line) {
        notes.add(line);
        out.println("  note: " + line);
        out.flush();
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public void summary() {
        if (notes.isEmpty()) {
            out.println("Everything was carried over.");
        } else {
            out.println("To look at (" + notes.size() + "):");
            notes.forEach(n -> out.println("  - " + n));
        }
        out.flush();
    }
}
