package org.negotiatetcp.mechanism.kerberos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the JDK's Kerberos reads from its environment, found the way the JDK finds it, so that errors and health
 * checks can name it: the krb5.conf in use ({@code java.security.krb5.conf}, else
 * {@code ${java.home}/conf/security/krb5.conf} if it exists, else the operating system's default), the default realm
 * and the KDCs of a realm in it, and the default ticket cache ({@code KRB5CCNAME}, else {@code /tmp/krb5cc_<uid>}).
 * KDCs found through DNS SRV records are not listed.
 */
public final class KerberosEnvironment {

	/** The system property naming the krb5.conf. */
	public static final String KRB5_CONF_PROPERTY = "java.security.krb5.conf";

	private static final String KDC_PROPERTY = "java.security.krb5.kdc";

	private static final String REALM_PROPERTY = "java.security.krb5.realm";

	private KerberosEnvironment() {
	}

	/**
	 * Return the krb5.conf the JDK reads (whether or not it exists).
	 * @return the file
	 */
	public static Path krb5Conf() {
		String property = System.getProperty(KRB5_CONF_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		Path javaHome = Path.of(System.getProperty("java.home"), "conf", "security", "krb5.conf");
		if (Files.exists(javaHome)) {
			return javaHome;
		}
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.startsWith("windows")) {
			String windir = System.getenv("windir");
			return Path.of((windir != null) ? windir : "C:\\Windows", "krb5.ini");
		}
		if (os.startsWith("mac")) {
			Path mac = Path.of("/Library/Preferences/edu.mit.Kerberos");
			if (Files.exists(mac)) {
				return mac;
			}
		}
		return Path.of("/etc/krb5.conf");
	}

	/**
	 * Describe the krb5.conf in use and where that choice comes from, for messages.
	 * @return for example {@code /etc/krb5.conf (the JDK's default; set java.security.krb5.conf to use another)}
	 */
	public static String describeKrb5Conf() {
		Path conf = krb5Conf();
		String property = System.getProperty(KRB5_CONF_PROPERTY);
		String origin = (property != null && !property.isBlank()) ? "from " + KRB5_CONF_PROPERTY
				: "the JDK's default; set " + KRB5_CONF_PROPERTY + " to use another";
		return conf + " (" + origin + (Files.isReadable(conf) ? "" : "; the file does not exist or is not readable")
				+ ")";
	}

	/**
	 * Return the default realm: {@code java.security.krb5.realm}, else {@code default_realm} of krb5.conf.
	 * @return the realm, or {@code null} if none is configured
	 */
	public static @Nullable String defaultRealm() {
		String property = System.getProperty(REALM_PROPERTY);
		if (property != null && !property.isBlank()) {
			return property.trim();
		}
		return defaultRealm(lines(krb5Conf()));
	}

	/**
	 * Return the realm of a principal: the part after {@code @}, else the default realm.
	 * @param principal {@code user@REALM}, {@code service/host@REALM} or a name without realm
	 * @return the realm, or {@code null} if it has none and no default realm is configured
	 */
	public static @Nullable String realmOf(@Nullable String principal) {
		if (principal != null) {
			String name = KerberosNames.principalOf(principal);
			int at = name.lastIndexOf('@');
			if (at >= 0 && at < name.length() - 1) {
				return name.substring(at + 1);
			}
		}
		return defaultRealm();
	}

	/**
	 * Return the KDCs of a realm as configured: {@code java.security.krb5.kdc}, else the realm's {@code kdc} entries
	 * in krb5.conf.
	 * @param realm the realm
	 * @return the entries as written ({@code host}, {@code host:port}), possibly empty
	 */
	public static List<String> kdcs(String realm) {
		String property = System.getProperty(KDC_PROPERTY);
		if (property != null && !property.isBlank()) {
			return List.of(property.trim().split("[\\s]+"));
		}
		return kdcs(lines(krb5Conf()), realm);
	}

	/**
	 * Return the ticket cache the JDK reads when none is configured: {@code KRB5CCNAME} (without a {@code FILE:}
	 * prefix), else {@code /tmp/krb5cc_<uid>} (on Windows {@code <user.home>/krb5cc_<user.name>}).
	 * @return the cache file
	 */
	public static Path defaultTicketCache() {
		String env = System.getenv("KRB5CCNAME");
		if (env != null && !env.isBlank()) {
			return Path.of(env.startsWith("FILE:") ? env.substring(5) : env);
		}
		Long uid = uid();
		if (uid != null) {
			return Path.of("/tmp/krb5cc_" + uid);
		}
		return Path.of(System.getProperty("user.home"), "krb5cc_" + System.getProperty("user.name"));
	}

	/**
	 * Describe a ticket cache and where its name comes from, for messages.
	 * @param configured the configured cache, or {@code null} for the default
	 * @return for example {@code /tmp/krb5cc_1000 (the default: KRB5CCNAME is not set)}
	 */
	public static String describeTicketCache(@Nullable Path configured) {
		if (configured != null) {
			return configured.toString();
		}
		String env = System.getenv("KRB5CCNAME");
		return defaultTicketCache() + ((env != null && !env.isBlank()) ? " (from KRB5CCNAME)"
				: " (the default: KRB5CCNAME is not set)");
	}

	private static @Nullable Long uid() {
		if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
			return null;
		}
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid();
		}
		catch (LinkageError | RuntimeException ex) {
			return null;
		}
	}

	private static List<String> lines(Path conf) {
		try {
			return Files.readAllLines(conf);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * Return {@code default_realm} of {@code [libdefaults]}.
	 * @param lines the lines of a krb5.conf
	 * @return the realm or {@code null}
	 */
	public static @Nullable String defaultRealm(List<String> lines) {
		String section = "";
		for (String raw : lines) {
			String line = strip(raw);
			if (line.startsWith("[")) {
				section = line.toLowerCase(Locale.ROOT);
			}
			else if (section.equals("[libdefaults]") && line.contains("=")) {
				String[] pair = line.split("=", 2);
				if (pair[0].trim().equals("default_realm")) {
					return pair[1].trim();
				}
			}
		}
		return null;
	}

	/**
	 * Return the {@code kdc} entries of a realm in {@code [realms]}.
	 * @param lines the lines of a krb5.conf
	 * @param realm the realm
	 * @return the entries as written
	 */
	public static List<String> kdcs(List<String> lines, String realm) {
		List<String> kdcs = new ArrayList<>();
		String section = "";
		String current = null;
		for (String raw : lines) {
			String line = strip(raw);
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("[")) {
				section = line.toLowerCase(Locale.ROOT);
				current = null;
			}
			else if (section.equals("[realms]")) {
				if (line.endsWith("{") && line.contains("=")) {
					current = line.substring(0, line.indexOf('=')).trim();
				}
				else if (line.startsWith("}")) {
					current = null;
				}
				else if (realm.equals(current) && line.contains("=")) {
					String[] pair = line.split("=", 2);
					if (pair[0].trim().equals("kdc")) {
						kdcs.add(pair[1].trim());
					}
				}
			}
		}
		return kdcs;
	}

	private static String strip(String line) {
		String text = line;
		int comment = text.indexOf('#');
		if (comment >= 0) {
			text = text.substring(0, comment);
		}
		text = text.trim();
		return text.startsWith(";") ? "" : text;
	}

}
