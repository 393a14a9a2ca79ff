package org.paperboy.ranking;

/**
 * One topic term found in a paper.
 *
 * @param term  the keyword or acronym as written in topics.yaml
 * @param field where it was found
 * @param count how often
 */
public record Match(String term, Field field, int count) {

    /** Where in a paper a term can be found; the order is the order reasons list them in. */
    public enum Field {
        TITLE("title"), KEYWORDS("keywords"), ABSTRACT("abstract");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return term + " (" + field.label() + ")";
    }
}
