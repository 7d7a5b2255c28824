package io.usso.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a benchmark's report goes: {@code bench/results/<name>-<database>-<yyyyMMdd-HHmm>.md} (or -Dusso.bench.results). */
public final class BenchResults {

    private BenchResults() {
    }

    /**
     * Prints the report and writes it.
     *
     * @param name the benchmark's name, e.g. {@code qr}
     * @param database the server's database, e.g. {@code postgres}
     * @param report the Markdown report
     * @return the file written
     */
    public static Path write(String name, String database, String report) throws IOException {
        System.out.println(report);
        Path dir = Paths.get(System.getProperty("usso.bench.results", "bench/results"));
        Files.createDirectories(dir);
        Path out = dir.resolve(name + "-" + database + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".md");
        Files.writeString(out, report);
        System.out.println("written to " + out);
        return out;
    }
}
