package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's module descriptor, as compiled into {@code target/classes} (the library jar carries the same
 * {@code module-info.class}): it exports every package but the internal ones and the command-line tool's, and the
 * module resolves and runs on the module path with the dependencies it names, where an application cannot call into
 * {@code org.farmersmarket.db.internal}.
 *
 * <p>The suite itself runs on the class path; this test puts the module on a module path of its own.
 */
class ModuleDescriptorTest {

    private static final String MODULE = "org.farmersmarket.db";
    private static final String INTERNAL = MODULE + ".internal";
    private static final String CLI = MODULE + ".cli";

    private static Path classes;
    private static ModuleDescriptor descriptor;

    @BeforeAll
    static void findModule() throws Exception {
        classes = Path.of(FarmersMarketDb.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classes.resolve("module-info.class")).exists();
        descriptor = ModuleFinder.of(classes)
                .find(MODULE)
                .orElseThrow(() -> new AssertionError("no module " + MODULE + " in " + classes))
                .descriptor();
    }

    private static boolean isInternal(String pkg) {
        return pkg.equals(INTERNAL) || pkg.startsWith(INTERNAL + ".");
    }

    @Test
    void exportsEveryPackageButTheInternalOnesAndTheTool() {
        Set<String> api = descriptor.packages().stream()
                .filter(pkg -> !isInternal(pkg) && !pkg.equals(CLI))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> exported = descriptor.exports().stream()
                .filter(export -> !export.isQualified())
                .map(Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));

        // A new package (a feature, or a package jOOQ generates for a new kind of object) must be exported here or
        // consciously made internal.
        assertThat(exported).isEqualTo(api);
        assertThat(exported)
                .contains(
                        MODULE,
                        MODULE + ".jooq",
                        MODULE + ".jooq.enums",
                        MODULE + ".jooq.tables",
                        MODULE + ".jooq.tables.records");
        assertThat(descriptor.packages())
                .contains(INTERNAL, INTERNAL + ".stock", INTERNAL + ".connect", INTERNAL + ".migration");
    }

    @Test
    void exportsAndOpensNoInternalPackageToAnyone() {
        assertThat(descriptor.exports())
                .map(Exports::source)
                .noneMatch(ModuleDescriptorTest::isInternal)
                .doesNotContain(CLI);
        assertThat(descriptor.opens()).map(Opens::source).noneMatch(ModuleDescriptorTest::isInternal);
        assertThat(descriptor.isOpen()).isFalse();
    }

    @Test
    void optionalIntegrationsAreNotRequiredAtRunTime() {
        Set<String> mandatory = descriptor.requires().stream()
                .filter(requires -> !requires.modifiers().contains(Requires.Modifier.STATIC))
                .map(Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(mandatory)
                .containsExactlyInAnyOrder(
                        "java.base",
                        "java.sql",
                        "org.jooq",
                        "com.zaxxer.hikari",
                        "com.fasterxml.jackson.databind",
                        "org.postgresql.jdbc",
                        "org.slf4j",
                        "flyway.core",
                        "flyway.database.postgresql");
    }

    @Test
    void resolvesOnTheModulePathAndKeepsInternalClassesFromOtherModules() throws Exception {
        ModuleLayer layer = layerOfTheModuleAndWhatItRequires();
        Module module = layer.findModule(MODULE).orElseThrow();
        ClassLoader loader = layer.findLoader(MODULE);

        assertThat(module.isExported(MODULE + ".config")).isTrue();
        assertThat(module.isExported(INTERNAL + ".stock")).isFalse();

        // Through the API: a public method that uses jOOQ, the generated classes and the internal redaction.
        Class<?> config = loader.loadClass(MODULE + ".config.DatabaseConfig");
        Object parsed = config.getMethod("parse", String.class).invoke(null, "postgresql://app:s3cret@db.example/shop");
        assertThat((String) config.getMethod("redactedUrl").invoke(parsed)).doesNotContain("s3cret");
        assertThat(config.getMethod("jooqSettings").invoke(parsed)).isNotNull();

        // Past it: a public method of a public class in an internal package is out of reach of any other module.
        Class<?> redaction = loader.loadClass(INTERNAL + ".connect.Redaction");
        assertThatThrownBy(() -> redaction.getMethod("redact", String.class).invoke(null, "x"))
                .isInstanceOf(IllegalAccessException.class)
                .hasMessageContaining("does not export " + INTERNAL + ".connect");
    }

    /**
     * A layer with this module and, from the test class path, exactly the modules its non-optional requires reach:
     * the whole class path would bring automatic modules that split packages (Testcontainers' jars).
     */
    private static ModuleLayer layerOfTheModuleAndWhatItRequires() {
        Map<String, Path> jars = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                for (ModuleReference found : ModuleFinder.of(path).findAll()) {
                    jars.putIfAbsent(found.descriptor().name(), path);
                }
            }
        }
        Set<Path> modulePath = new LinkedHashSet<>(List.of(classes));
        Deque<ModuleDescriptor> pending = new ArrayDeque<>(List.of(descriptor));
        while (!pending.isEmpty()) {
            for (Requires requires : pending.pop().requires()) {
                if (requires.modifiers().contains(Requires.Modifier.STATIC)
                        || ModuleLayer.boot().findModule(requires.name()).isPresent()) {
                    continue;
                }
                Path jar = jars.get(requires.name());
                assertThat(jar)
                        .as("a jar on the test class path providing module " + requires.name())
                        .isNotNull();
                if (modulePath.add(jar)) {
                    pending.push(
                            ModuleFinder.of(jar).findAll().iterator().next().descriptor());
                }
            }
        }
        Configuration configuration = ModuleLayer.boot()
                .configuration()
                .resolve(ModuleFinder.of(modulePath.toArray(Path[]::new)), ModuleFinder.of(), Set.of(MODULE));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }
}
