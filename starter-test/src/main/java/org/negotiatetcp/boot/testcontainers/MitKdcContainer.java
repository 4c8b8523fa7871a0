package org.negotiatetcp.boot.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * An MIT krb5 KDC (Debian bookworm's {@code krb5-kdc}) in a container, built from the kit's own Dockerfile (no image
 * is pulled but {@code debian:bookworm-slim}). The realm and principals are configurable; after start every principal's
 * keytab is copied to a host directory and a host krb5.conf is written with {@code kdc = 127.0.0.1:<mapped port>} and
 * {@code udp_preference_limit = 1}. Port 88/tcp is published on 127.0.0.1 only.
 * <pre>{@code
 * @Container
 * @ServiceConnection
 * static MitKdcContainer kdc = new MitKdcContainer().withUser("alice", "secret").withService("host/localhost");
 * }</pre>
 * With {@code @ServiceConnection} the starter's credentials are named like {@code @EmbeddedKerberos}'s:
 * {@code alice}, {@code host-localhost}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class MitKdcContainer extends GenericContainer<MitKdcContainer> {

	/** The KDC port inside the container. */
	public static final int KDC_PORT = 88;

	/** The name of the image the kit builds. */
	public static final String IMAGE_NAME = "localhost/negotiate-tcp/mit-kdc:1";

	private static final String RESOURCES = "org/negotiatetcp/boot/testcontainers/mitkdc/";

	private String realm = "EXAMPLE.COM";

	private final Map<String, @Nullable String> principals = new LinkedHashMap<>();

	private @Nullable Path hostDirectory;

	/**
	 * Create a container for realm {@code EXAMPLE.COM} with no principals yet.
	 */
	public MitKdcContainer() {
		super(new ImageFromDockerfile(IMAGE_NAME, false).withFileFromClasspath("Dockerfile", RESOURCES + "Dockerfile")
			.withFileFromClasspath("start-kdc.sh", RESOURCES + "start-kdc.sh")
			.withBuildImageCmdModifier((build) -> build.withPull(false)));
		addExposedPort(KDC_PORT);
		waitingFor(Wait.forLogMessage(".*commencing operation.*", 1).withStartupTimeout(Duration.ofMinutes(5)));
		withCreateContainerCmdModifier((create) -> create.getHostConfig()
			.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(KDC_PORT))));
	}

	/**
	 * Use another realm.
	 * @param realm the realm, for example {@code CORP.EXAMPLE}
	 * @return this container
	 */
	public MitKdcContainer withRealm(String realm) {
		this.realm = realm.toUpperCase(Locale.ROOT);
		return this;
	}

	/**
	 * Add a user with a password (its keytab holds the password's keys).
	 * @param name the user without realm
	 * @param password the password, without whitespace or {@code :}
	 * @return this container
	 */
	public MitKdcContainer withUser(String name, String password) {
		if (password.isEmpty() || password.chars().anyMatch((c) -> Character.isWhitespace(c) || c == ':')) {
			throw new IllegalArgumentException("Password of " + name + " must be non-empty, without whitespace or ':'");
		}
		this.principals.put(name, password);
		return this;
	}

	/**
	 * Add a principal with random keys, for example a service principal.
	 * @param name the principal without realm, for example {@code host/localhost}
	 * @return this container
	 */
	public MitKdcContainer withService(String name) {
		this.principals.put(name, null);
		return this;
	}

	@Override
	protected void configure() {
		withEnv("KDC_REALM", this.realm);
		StringBuilder spec = new StringBuilder();
		this.principals.forEach((name, password) -> {
			if (name.chars().anyMatch((c) -> Character.isWhitespace(c) || c == ':')) {
				throw new IllegalArgumentException("Principal '" + name + "' must not contain whitespace or ':'");
			}
			spec.append((spec.length() > 0) ? " " : "").append(name).append((password != null) ? ":" + password : "");
		});
		withEnv("KDC_PRINCIPALS", spec.toString());
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		try {
			Path dir = Files.createTempDirectory("negotiate-mit-kdc");
			for (String name : this.principals.keySet()) {
				copyFileFromContainer("/keytabs/" + fileName(name) + ".keytab",
						dir.resolve(fileName(name) + ".keytab").toString());
			}
			Files.writeString(dir.resolve("krb5.conf"), """
					[libdefaults]
					  default_realm = %1$s
					  udp_preference_limit = 1
					  dns_lookup_kdc = false
					  dns_lookup_realm = false
					[realms]
					  %1$s = {
					    kdc = 127.0.0.1:%2$d
					  }
					""".formatted(this.realm, getMappedPort(KDC_PORT)));
			this.hostDirectory = dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the keytabs out of the KDC container", ex);
		}
	}

	/**
	 * Return the realm.
	 * @return the realm
	 */
	public String getRealm() {
		return this.realm;
	}

	/**
	 * Return the KDC's port on 127.0.0.1.
	 * @return the mapped port
	 */
	public int getKdcPort() {
		return getMappedPort(KDC_PORT);
	}

	/**
	 * Return the host krb5.conf ({@code kdc = 127.0.0.1:<mapped port>}, TCP only).
	 * @return the file
	 */
	public Path getKrb5Conf() {
		return hostDirectory().resolve("krb5.conf");
	}

	/**
	 * Return a principal's keytab on the host.
	 * @param name the principal without realm
	 * @return the keytab
	 */
	public Path getKeytab(String name) {
		if (!this.principals.containsKey(name)) {
			throw new IllegalArgumentException("No principal '" + name + "'; principals: " + this.principals.keySet());
		}
		return hostDirectory().resolve(fileName(name) + ".keytab");
	}

	/**
	 * Return a user's password, or {@code null} for a principal with random keys.
	 * @param name the principal without realm
	 * @return the password
	 */
	public @Nullable String getPassword(String name) {
		return this.principals.get(name);
	}

	/**
	 * Return the principals (without realm), with their passwords ({@code null} for random keys).
	 * @return the principals
	 */
	public Map<String, @Nullable String> getPrincipals() {
		return Collections.unmodifiableMap(this.principals);
	}

	private Path hostDirectory() {
		Path dir = this.hostDirectory;
		if (dir == null) {
			throw new IllegalStateException("The KDC container has not started");
		}
		return dir;
	}

	private static String fileName(String principal) {
		return principal.replace('/', '-');
	}

}
