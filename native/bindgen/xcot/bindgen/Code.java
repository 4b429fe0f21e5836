package xcot.bindgen;

/** Builds generated source text with four-space indentation. */
final class Code {
    private final StringBuilder text = new StringBuilder();
    private int indent;

    /** Appends {@code block} (one or more lines) at the current indentation; blank lines stay empty. */
    Code add(String block) {
        for (String line : block.stripTrailing().split("\n", -1)) {
            if (!line.isBlank()) {
                text.append("    ".repeat(indent)).append(line);
            }
            text.append('\n');
        }
        return this;
    }

    Code blank() {
        text.append('\n');
        return this;
    }

    Code in() {
        indent++;
        return this;
    }

    Code out() {
        indent--;
        return this;
    }

    /** A Javadoc comment whose body is the C snippet {@code c} after an optional sentence. */
    Code snippet(String sentence, String c) {
        StringBuilder doc = new StringBuilder("/**\n");
        if (sentence != null) {
            doc.append(" * ").append(sentence).append("\n");
        }
        doc.append(" * {@snippet lang=c :\n");
        for (String line : Names.doc(c).split("\n")) {
            doc.append(" * ").append(line).append("\n");
        }
        doc.append(" * }\n */");
        return add(doc.toString());
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
