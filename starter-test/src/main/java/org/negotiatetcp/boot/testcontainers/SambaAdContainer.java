package org.negotiatetcp.boot.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A Samba 4.17 Active Directory domain controller (Debian bookworm's {@code samba}) in a container, built from the
 * kit's own Dockerfile (no image is pulled but {@code debian:bookworm-slim}). Its Heimdal KDC issues tickets with a
 * PAC ([MS-PAC]): the client's user SID and group SIDs. The domain is provisioned when the container starts (about a
 * minute), which needs a privileged container (provisioning sets NT ACLs on sysvol).
 * <p>
 * Users get a password and a keytab; service accounts are user accounts with random keys, their SPNs registered
 * ({@code samba-tool spn add}), AES only, and a keytab holding their keys under each SPN and the account name
 * ({@code samba-tool domain exportkeytab}); computer accounts likewise ({@code samba-tool computer create}). After
 * start the keytabs are copied to a host directory and a host krb5.conf is written with
 * {@code kdc = 127.0.0.1:<mapped port>}, {@code udp_preference_limit = 1} and {@code forwardable = true} (delegation
 * needs forwardable tickets). Port 88/tcp is published on 127.0.0.1 only.
 * <p>
 * Delegation is set per account: {@link #withAllowedToDelegateTo(String, String...) msDS-AllowedToDelegateTo}
 * (constrained delegation), {@link #withProtocolTransition(String) TRUSTED_TO_AUTH_FOR_DELEGATION} (protocol
 * transition) and {@link #withTrustedForDelegation(String) TRUSTED_FOR_DELEGATION} (unconstrained, ok-as-delegate).
 * <pre>{@code
 * @Container
 * @ServiceConnection
 * static SambaAdContainer dc = new SambaAdContainer().withUser("alice", "Alice-Pass-1")
 *     .withGroup("Orders", "alice")
 *     .withServiceAccount("svc-orders", "host/localhost");
 * }</pre>
 * With {@code @ServiceConnection} the starter's credentials are named like {@code @EmbeddedKerberos}'s: one per user
 * ({@code alice}) and one per SPN ({@code host-localhost}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class SambaAdContainer extends GenericContainer<SambaAdContainer> {

	/** The KDC port inside the container. */
	public static final int KDC_PORT = 88;

	/** The name of the image the kit builds. */
	public static final String IMAGE_NAME = "localhost/negotiate-tcp/samba-ad:2";

	private static final String RESOURCES = "org/negotiatetcp/boot/testcontainers/sambaad/";

	private String realm = "EXAMPLE.TEST";

	private String domain = "EXAMPLE";

	private final Map<String, String> users = new LinkedHashMap<>();

	private final Map<String, List<String>> groups = new LinkedHashMap<>();

	private final Map<String, List<String>> serviceAccounts = new LinkedHashMap<>();

	private final Map<String, List<String>> computerAccounts = new LinkedHashMap<>();

	private final Map<String, List<String>> allowedToDelegateTo = new LinkedHashMap<>();

	private final Set<String> protocolTransition = new LinkedHashSet<>();

	private final Set<String> trustedForDelegation = new LinkedHashSet<>();

	private @Nullable Path hostDirectory;

	/**
	 * Create a domain controller for {@code EXAMPLE.TEST} (NetBIOS {@code EXAMPLE}) with no accounts yet.
	 */
	public SambaAdContainer() {
		super(new ImageFromDockerfile(IMAGE_NAME, false).withFileFromClasspath("Dockerfile", RESOURCES + "Dockerfile")
			.withFileFromClasspath("start-dc.sh", RESOURCES + "start-dc.sh")
			.withBuildImageCmdModifier((build) -> build.withPull(false)));
		addExposedPort(KDC_PORT);
		withPrivilegedMode(true);
		waitingFor(Wait.forLogMessage(".*SAMBA AD DC READY.*", 1).withStartupTimeout(Duration.ofMinutes(10)));
		withCreateContainerCmdModifier((create) -> create.getHostConfig()
			.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(KDC_PORT))));
	}

	/**
	 * Use another domain.
	 * @param realm the DNS domain / Kerberos realm, for example {@code CORP.EXAMPLE}
	 * @param netbiosDomain the NetBIOS domain name, for example {@code CORP}
	 * @return this container
	 */
	public SambaAdContainer withDomain(String realm, String netbiosDomain) {
		this.realm = realm.toUpperCase(Locale.ROOT);
		this.domain = netbiosDomain.toUpperCase(Locale.ROOT);
		return this;
	}

	/**
	 * Add a user with a password.
	 * @param name the account name ({@code sAMAccountName})
	 * @param password the password, without whitespace or {@code :}
	 * @return this container
	 */
	public SambaAdContainer withUser(String name, String password) {
		checkName(name);
		if (password.isEmpty() || password.chars().anyMatch((c) -> Character.isWhitespace(c) || c == ':')) {
			throw new IllegalArgumentException("Password of " + name + " must be non-empty, without whitespace or ':'");
		}
		this.users.put(name, password);
		return this;
	}

	/**
	 * Add a global security group with members.
	 * @param name the group name, without whitespace
	 * @param members the account names of its members
	 * @return this container
	 */
	public SambaAdContainer withGroup(String name, String... members) {
		checkName(name);
		for (String member : members) {
			checkName(member);
		}
		this.groups.put(name, List.of(members));
		return this;
	}

	/**
	 * Add a service account (a user account with random keys) with service principal names.
	 * @param account the account name, for example {@code svc-orders}
	 * @param spns its SPNs, for example {@code host/localhost}
	 * @return this container
	 */
	public SambaAdContainer withServiceAccount(String account, String... spns) {
		checkName(account);
		if (spns.length == 0) {
			throw new IllegalArgumentException("Service account " + account + " needs at least one SPN");
		}
		for (String spn : spns) {
			checkName(spn);
		}
		this.serviceAccounts.put(account, List.of(spns));
		return this;
	}

	/**
	 * Add a computer account ({@code samba-tool computer create}, account name {@code <name>$}, random machine
	 * password) with service principal names, AES only, and a keytab holding its keys under each SPN and its account
	 * name.
	 * @param name the computer name without the trailing {@code $}, for example {@code backend}
	 * @param spns its SPNs, for example {@code host/backend.example.test}
	 * @return this container
	 */
	public SambaAdContainer withComputerAccount(String name, String... spns) {
		checkName(name);
		for (String spn : spns) {
			checkName(spn);
		}
		this.computerAccounts.put(name, List.of(spns));
		return this;
	}

	/**
	 * Allow an account constrained delegation (S4U2Proxy) to services: their SPNs go into the account's
	 * {@code msDS-AllowedToDelegateTo} ({@code samba-tool delegation add-service}; in ADUC, the Delegation tab's
	 * "Trust this user for delegation to specified services only").
	 * @param account the account (a user or service account of this container)
	 * @param spns the SPNs it may delegate to, for example {@code host/backend.example.test}
	 * @return this container
	 */
	public SambaAdContainer withAllowedToDelegateTo(String account, String... spns) {
		checkName(account);
		if (spns.length == 0) {
			throw new IllegalArgumentException("Delegation of " + account + " needs at least one SPN");
		}
		for (String spn : spns) {
			checkName(spn);
		}
		this.allowedToDelegateTo.merge(account, List.of(spns),
				(a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
		return this;
	}

	/**
	 * Let an account use protocol transition: set {@code TRUSTED_TO_AUTH_FOR_DELEGATION} on it ({@code samba-tool
	 * delegation for-any-protocol}; in ADUC "Use any authentication protocol"), so that the KDC answers its S4U2Self
	 * requests with forwardable tickets and it may act as users who did not authenticate with Kerberos (NTLM).
	 * @param account the account
	 * @return this container
	 */
	public SambaAdContainer withProtocolTransition(String account) {
		checkName(account);
		this.protocolTransition.add(account);
		return this;
	}

	/**
	 * Trust an account for unconstrained delegation: set {@code TRUSTED_FOR_DELEGATION} on it ({@code samba-tool
	 * delegation for-any-service}; in ADUC "Trust this user for delegation to any service"), so that tickets for its
	 * SPNs carry ok-as-delegate and clients forward their ticket-granting ticket to it.
	 * @param account the account
	 * @return this container
	 */
	public SambaAdContainer withTrustedForDelegation(String account) {
		checkName(account);
		this.trustedForDelegation.add(account);
		return this;
	}

	@Override
	protected void configure() {
		withEnv("AD_REALM", this.realm);
		withEnv("AD_DOMAIN", this.domain);
		withEnv("AD_USERS", join(this.users.entrySet().stream().map((e) -> e.getKey() + ":" + e.getValue()).toList()));
		withEnv("AD_GROUPS", join(this.groups.entrySet()
			.stream()
			.map((e) -> e.getKey() + ":" + String.join(",", e.getValue()))
			.toList()));
		withEnv("AD_SERVICES", join(this.serviceAccounts.entrySet()
			.stream()
			.map((e) -> e.getKey() + ":" + String.join(",", e.getValue()))
			.toList()));
		withEnv("AD_COMPUTERS", join(this.computerAccounts.entrySet()
			.stream()
			.map((e) -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + ":" + String.join(",", e.getValue()))
			.toList()));
		withEnv("AD_DELEGATE_TO", join(this.allowedToDelegateTo.entrySet()
			.stream()
			.map((e) -> e.getKey() + ":" + String.join(",", e.getValue()))
			.toList()));
		withEnv("AD_PROTOCOL_TRANSITION", join(List.copyOf(this.protocolTransition)));
		withEnv("AD_TRUSTED_FOR_DELEGATION", join(List.copyOf(this.trustedForDelegation)));
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		try {
			Path dir = Files.createTempDirectory("negotiate-samba-ad");
			List<String> accounts = new ArrayList<>(this.users.keySet());
			accounts.addAll(this.serviceAccounts.keySet());
			accounts.addAll(this.computerAccounts.keySet());
			for (String account : accounts) {
				copyFileFromContainer("/keytabs/" + account + ".keytab", dir.resolve(account + ".keytab").toString());
			}
			Files.writeString(dir.resolve("krb5.conf"), """
					[libdefaults]
					  default_realm = %1$s
					  udp_preference_limit = 1
					  forwardable = true
					  dns_lookup_kdc = false
					  dns_lookup_realm = false
					  rdns = false
					[realms]
					  %1$s = {
					    kdc = 127.0.0.1:%2$d
					  }
					[domain_realm]
					  .%3$s = %1$s
					  %3$s = %1$s
					""".formatted(this.realm, getMappedPort(KDC_PORT), this.realm.toLowerCase(Locale.ROOT)));
			this.hostDirectory = dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the keytabs out of the Samba AD container", ex);
		}
	}

	/**
	 * Return the realm (the domain's DNS name in upper case).
	 * @return the realm
	 */
	public String getRealm() {
		return this.realm;
	}

	/**
	 * Return the NetBIOS domain name.
	 * @return the domain
	 */
	public String getDomain() {
		return this.domain;
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
	 * Return the keytab of a user, service or computer account on the host (a service or computer account's keytab
	 * holds its keys under each SPN).
	 * @param account the account name (a computer's without the trailing {@code $})
	 * @return the keytab
	 */
	public Path getKeytab(String account) {
		if (!this.users.containsKey(account) && !this.serviceAccounts.containsKey(account)
				&& !this.computerAccounts.containsKey(account)) {
			throw new IllegalArgumentException("No account '" + account + "'; users: " + this.users.keySet()
					+ ", service accounts: " + this.serviceAccounts.keySet() + ", computer accounts: "
					+ this.computerAccounts.keySet());
		}
		return hostDirectory().resolve(account + ".keytab");
	}

	/**
	 * Return the users with their passwords.
	 * @return the users
	 */
	public Map<String, String> getUsers() {
		return Collections.unmodifiableMap(this.users);
	}

	/**
	 * Return the groups with their members.
	 * @return the groups
	 */
	public Map<String, List<String>> getGroups() {
		return Collections.unmodifiableMap(this.groups);
	}

	/**
	 * Return the service accounts with their SPNs.
	 * @return the service accounts
	 */
	public Map<String, List<String>> getServiceAccounts() {
		return Collections.unmodifiableMap(this.serviceAccounts);
	}

	/**
	 * Return the computer accounts with their SPNs.
	 * @return the computer accounts, by name without the trailing {@code $}
	 */
	public Map<String, List<String>> getComputerAccounts() {
		return Collections.unmodifiableMap(this.computerAccounts);
	}

	/**
	 * Look up the SID of an account or group in the domain's database.
	 * @param name the account or group name ({@code sAMAccountName})
	 * @return the SID as text, {@code S-1-5-21-...}
	 * @throws IllegalStateException if the lookup fails or the name is unknown
	 */
	public String getObjectSid(String name) {
		checkName(name);
		try {
			ExecResult result = execInContainer("ldbsearch", "-H", "/var/lib/samba/private/sam.ldb",
					"(sAMAccountName=" + name + ")", "objectSid");
			return result.getStdout()
				.lines()
				.filter((line) -> line.startsWith("objectSid: "))
				.map((line) -> line.substring("objectSid: ".length()).trim())
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No account or group '" + name + "' in " + this.realm
						+ ": " + result.getStderr()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted looking up " + name, ex);
		}
	}

	private Path hostDirectory() {
		Path dir = this.hostDirectory;
		if (dir == null) {
			throw new IllegalStateException("The Samba AD container has not started");
		}
		return dir;
	}

	private static String join(List<String> entries) {
		return String.join(" ", entries);
	}

	private static void checkName(String name) {
		if (name.isEmpty() || name.chars().anyMatch((c) -> Character.isWhitespace(c) || c == ':' || c == ',')) {
			throw new IllegalArgumentException("Name '" + name + "' must be non-empty, without whitespace, ':' or ','");
		}
	}

}
