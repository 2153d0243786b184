package io.conduit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile as its instructions: comments dropped, continuation lines joined. */
record Dockerfiles(String path, List<Instruction> instructions) {

    record Instruction(String keyword, String args, int line) {
    }

    static Dockerfiles read(String relative) {
        List<Instruction> result = new ArrayList<>();
        String[] lines = Repo.read(relative).split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (current == null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            } else if (line.strip().startsWith("#")) {
                continue;
            }
            String body = line.stripTrailing();
            if (body.endsWith("\\")) {
                current.append(body, 0, body.length() - 1).append(' ');
                continue;
            }
            current.append(body);
            String text = current.toString().strip();
            int space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space < 0 ? text.length() : space).toUpperCase(Locale.ROOT),
                    space < 0 ? "" : text.substring(space + 1).strip(), start));
            current = null;
        }
        return new Dockerfiles(relative, result);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the last stage (after the last FROM). */
    List<Instruction> finalStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return instructions.subList(last, instructions.size());
    }
}
