package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every {@code java} block of README.md and of the pages under docs/ is compiled and run against a migrated database,
 * so the documentation cannot drift from the API. A block is a list of statements preceded by the imports it needs;
 * it runs inside a method that provides the variables the examples use ({@link ReadmeExampleContext}): {@code
 * market}, {@code dataSource}, {@code dsl}, {@code vendorId}, {@code categoryId}, {@code customerId} and {@code
 * productId}.
 */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class ReadmeExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path workDirectory;

    @TestFactory
    Stream<DynamicTest> documentationJavaBlocks_compileAndRun(TestDatabase db) throws IOException {
        ReadmeExampleContext context = ReadmeExampleContext.create(db);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : documentationPages()) {
            List<String> blocks = javaBlocks(Files.readString(page));
            for (int i = 0; i < blocks.size(); i++) {
                String className = "Example_" + page.toString().replaceAll("[^A-Za-z0-9]", "_") + "_" + (i + 1);
                String block = blocks.get(i);
                tests.add(DynamicTest.dynamicTest(page + ", block " + (i + 1) + ": " + firstStatement(block), () -> {
                    compileAndRun(className, block, context);
                }));
            }
        }
        assertThat(tests).as("java blocks in README.md and docs/").isNotEmpty();
        return tests.stream();
    }

    /** README.md and every Markdown page under docs/, in path order. */
    private static List<Path> documentationPages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<String> javaBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String firstStatement(String block) {
        return block.lines()
                .filter(line -> !line.startsWith("import ") && !line.isBlank())
                .findFirst()
                .orElse("")
                .strip();
    }

    private void compileAndRun(String className, String block, ReadmeExampleContext context) throws Exception {
        Path source = workDirectory.resolve(className + ".java");
        Files.writeString(source, wrap(className, block));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(
                        errors,
                        null,
                        null,
                        List.of("-classpath", testClassPath(), "-d", workDirectory.toString(), "-proc:none"),
                        null,
                        compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source))
                .call();
        assertThat(compiled)
                .as("Example does not compile:%n%s%n%s", block, errors)
                .isTrue();
        try (var loader = new URLClassLoader(
                new URL[] {workDirectory.toUri().toURL()}, getClass().getClassLoader())) {
            Method run = loader.loadClass(className).getMethod("run", ReadmeExampleContext.class);
            run.invoke(null, context);
        }
    }

    private static String wrap(String className, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        block.lines()
                .forEach(line -> (line.startsWith("import ") ? imports : body)
                        .append(line)
                        .append('\n'));
        return """
                import java.util.UUID;
                import javax.sql.DataSource;
                import org.farmersmarket.db.FarmersMarketDb;
                import org.jooq.DSLContext;
                %s
                public class %s {
                    public static void run(org.farmersmarket.db.ReadmeExampleContext context) throws Exception {
                        %s
                        DataSource dataSource = context.dataSource();
                        DSLContext dsl = context.dsl();
                        UUID vendorId = context.vendorId();
                        UUID categoryId = context.categoryId();
                        UUID customerId = context.customerId();
                        UUID productId = context.productId();
                        %s
                    }
                }
                """.formatted(imports, className, predeclaredMarket(body), body);
    }

    /** {@code market} as the first example makes it, unless the block is that example and makes it itself. */
    private static String predeclaredMarket(CharSequence body) {
        return body.toString().contains("FarmersMarketDb market =") ? "" : "FarmersMarketDb market = context.market();";
    }

    private static String testClassPath() {
        // Surefire starts the JVM with a manifest-only jar; it publishes the real class path here.
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
