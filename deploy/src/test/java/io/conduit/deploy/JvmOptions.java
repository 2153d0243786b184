package io.conduit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * deploy/jvm/jvm.options, the JVM flags every service runs with (scripts/stack.sh, the JVM images): the one home of
 * the heap, metaspace, code cache and stack sizes, from which the deployment files' memory limits are checked.
 */
record JvmOptions(List<String> flags) {

    static final String FILE = "deploy/jvm/jvm.options";
    /**
     * Threads a service may run at once, for the stack budget: Vert.x event loops and the worker pool, the
     * connection pool's housekeeping, the JIT compilers, GC, Flyway, OpenTelemetry's exporters. A stack is reserved
     * at its full size and committed as it is touched; counting each at its full -Xss is the ceiling.
     */
    static final int THREADS = 128;
    /**
     * What a JVM keeps beside the heap, metaspace, code cache and stacks: the GC's card table, the symbol and string
     * tables, Netty's pooled direct buffers, malloc arenas, the launcher.
     */
    static final long OTHER_NATIVE = mib(64);
    /**
     * The AOT cache the JVM images map (Dockerfile.jvm-aot): file-backed, but its touched pages count against the
     * container's memory. users-service's, the largest, is 116 MB, nearly all resident once the service started.
     */
    static final long AOT_CACHE = mib(128);
    /** HotSpot's defaults for the flags the file may leave out (x86_64, tiered compilation). */
    static final long DEFAULT_CODE_CACHE = mib(240);
    static final long DEFAULT_STACK = mib(1);

    static JvmOptions read() {
        return parse(Repo.read(FILE));
    }

    /** A java argument file: whitespace-separated flags, {@code #} to the end of a line is a comment. */
    static JvmOptions parse(String text) {
        List<String> flags = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String body = hash < 0 ? line : line.substring(0, hash);
            for (String word : body.strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    flags.add(word);
                }
            }
        }
        return new JvmOptions(List.copyOf(flags));
    }

    /** The value of the last flag starting with {@code prefix} (the JVM takes the last), as bytes. */
    Optional<Long> size(String prefix) {
        Long result = null;
        for (String flag : flags) {
            if (flag.startsWith(prefix)) {
                result = bytes(flag.substring(prefix.length()));
            }
        }
        return Optional.ofNullable(result);
    }

    long heap() {
        return size("-Xmx").or(() -> size("-XX:MaxHeapSize=")).orElseThrow(() -> new AssertionError(FILE
                + " sets no heap ceiling (-Xmx): the JVM would take a share of the container's memory, and no limit can be"
                + " checked against the flags"));
    }

    long metaspace() {
        return size("-XX:MaxMetaspaceSize=").orElseThrow(() -> new AssertionError(FILE + " sets no -XX:MaxMetaspaceSize:"
                + " class metadata is unbounded, so no memory limit is ever sure to hold it"));
    }

    long codeCache() {
        return size("-XX:ReservedCodeCacheSize=").orElse(DEFAULT_CODE_CACHE);
    }

    long stack() {
        return size("-Xss").or(() -> size("-XX:ThreadStackSize=").map(k -> k * 1024)).orElse(DEFAULT_STACK);
    }

    /** The memory a container must allow: every ceiling at once, plus the stacks and the rest of the JVM. */
    long required() {
        return heap() + metaspace() + codeCache() + THREADS * stack() + OTHER_NATIVE + AOT_CACHE;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s: heap %d MiB + metaspace %d MiB + code cache %d MiB + %d threads x %d KiB"
                + " + %d MiB other native + %d MiB AOT cache = %d MiB", FILE, heap() >> 20, metaspace() >> 20,
                codeCache() >> 20, THREADS, stack() >> 10, OTHER_NATIVE >> 20, AOT_CACHE >> 20, required() >> 20);
    }

    /** A HotSpot size: digits with an optional k, m, g or t suffix (either case). */
    static long bytes(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.matches("\\d+[kmgt]?")) {
            throw new AssertionError(FILE + ": not a size: " + value);
        }
        char unit = v.charAt(v.length() - 1);
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1)) << shift;
    }

    static long mib(long n) {
        return n << 20;
    }

    /** A Compose memory value (768M, 1g, 536870912, 512m, 1.5g) as bytes: binary units, as Docker reads them. */
    static long composeBytes(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("b$", "");
        if (!v.matches("\\d+(\\.\\d+)?[kmg]?")) {
            throw new AssertionError("not a Compose memory size: " + value);
        }
        char unit = v.charAt(v.length() - 1);
        long factor = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
        return new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(factor)).longValue();
    }
}
