package org.negotiatetcp.mechanism.kerberos;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.replay.InMemoryReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayCache;

/**
 * The Kerberos acceptor credential of a server, read from a keytab without any JAAS configuration: either one service
 * principal, or any principal in the keytab. Accepting a token never contacts the KDC.
 * <p>
 * By default a ticket without a PAC (an MIT or Kerby KDC's) is accepted with an empty authorization context;
 * {@link #requiringPac()} refuses such tickets, and tickets whose PAC's server signature could not be verified.
 * <p>
 * Every AP-REQ accepted is recorded in a {@link ReplayCache}, and one recorded already is refused: by default the
 * process's {@link InMemoryReplayCache#shared() in-memory cache}; instances of a service behind a load balancer share
 * one with {@link #withReplayCache(ReplayCache)} (for example a
 * {@link org.negotiatetcp.mechanism.kerberos.replay.RedisReplayCache}).
 */
public final class KerberosServiceCredentials {

	private final ServiceCredential serviceCredential;

	private final GSSCredential credential;

	private final boolean pacRequired;

	private final ReplayCache replayCache;

	private KerberosServiceCredentials(ServiceCredential serviceCredential, GSSCredential credential,
			boolean pacRequired, ReplayCache replayCache) {
		this.serviceCredential = serviceCredential;
		this.credential = credential;
		this.pacRequired = pacRequired;
		this.replayCache = replayCache;
	}

	/**
	 * Load and check a keytab, for example {@code KerberosServiceCredentials.load(Path.of("/etc/service.keytab"),
	 * "host/srv.example.com")}.
	 * @param keytab the keytab file
	 * @param principal the service principal, or {@code null} (or {@code *}) to accept a ticket for any principal in
	 * the keytab
	 * @return the credentials
	 * @throws MechanismException with {@link FailureReason#BAD_CREDENTIALS} if the keytab is missing, unreadable or has
	 * no key for the principal
	 * @see #load(ServiceCredential)
	 */
	public static KerberosServiceCredentials load(Path keytab, @Nullable String principal) {
		return load(new ServiceCredential(keytab, principal));
	}

	/**
	 * Load and check the keytab.
	 * @param serviceCredential the keytab and principal
	 * @return the credentials
	 * @throws MechanismException with {@link FailureReason#BAD_CREDENTIALS} if the keytab is missing, unreadable or has
	 * no key for the principal
	 */
	public static KerberosServiceCredentials load(ServiceCredential serviceCredential) {
		File file = serviceCredential.keytab().toFile();
		if (!Files.isReadable(serviceCredential.keytab())) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Service keytab " + file
					+ " does not exist or is not readable; create it with ktpass/ktutil/kadmin and check the path");
		}
		Subject subject = new Subject();
		String principal = serviceCredential.principal();
		if (principal != null) {
			KerberosPrincipal kp = new KerberosPrincipal(KerberosNames.principalOf(principal));
			KeyTab keyTab = KeyTab.getInstance(kp, file);
			KerberosKey[] keys = keyTab.getKeys(kp);
			if (keys.length == 0) {
				throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Service keytab " + file + " has no key for "
						+ kp.getName() + "; list it with klist -k and check the principal name and realm");
			}
			subject.getPrincipals().add(kp);
			subject.getPrivateCredentials().add(keyTab);
		}
		else {
			KeyTab keyTab = KeyTab.getUnboundInstance(file);
			if (!keyTab.exists()) {
				throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Service keytab " + file + " cannot be read");
			}
			subject.getPrivateCredentials().add(keyTab);
		}
		try {
			GSSManager manager = GssManagers.shared();
			GSSCredential credential = Subjects.callAs(subject,
					() -> manager.createCredential(
							(principal != null) ? KerberosNames.principalName(manager, principal) : null,
							GSSCredential.INDEFINITE_LIFETIME,
							new Oid[] { Mechanism.KERBEROS.gssOid(), Mechanism.toOid(Mechanism.SPNEGO_OID) },
							GSSCredential.ACCEPT_ONLY));
			return new KerberosServiceCredentials(serviceCredential, credential, false, InMemoryReplayCache.shared());
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Cannot use service keytab " + file + " for "
					+ ((principal != null) ? principal : "any principal") + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the acceptor credential.
	 * @return the credential
	 */
	public GSSCredential credential() {
		return this.credential;
	}

	/**
	 * Return the configuration this was loaded from.
	 * @return the service credential
	 */
	public ServiceCredential serviceCredential() {
		return this.serviceCredential;
	}

	/**
	 * Return a copy whose acceptor refuses a client whose ticket carries no PAC with logon information (an MIT or
	 * Kerby KDC's ticket, or an MIT krb5 1.20+ PAC without SIDs), or whose PAC's server signature could not be
	 * verified with the service key (an RC4 signature, or no key for the ticket's server name in the keytab). The
	 * refusal is a handshake error with {@link FailureReason#POLICY}. Boot:
	 * {@code negotiate.tcp.server.kerberos.require-pac=true}.
	 * @return the new credentials
	 */
	public KerberosServiceCredentials requiringPac() {
		return new KerberosServiceCredentials(this.serviceCredential, this.credential, true, this.replayCache);
	}

	/**
	 * Whether the acceptor refuses tickets without a verified PAC ({@link #requiringPac()}).
	 * @return {@code true} if a verified PAC is required
	 */
	public boolean pacRequired() {
		return this.pacRequired;
	}

	/**
	 * Return a copy whose acceptor records AP-REQs in another replay cache, for example one shared by the instances
	 * of the service behind a load balancer, so that an AP-REQ captured from one instance's handshake is refused by
	 * every other ({@link FailureReason#REPLAY}). Boot: {@code negotiate.tcp.server.kerberos.replay-cache.*}.
	 * @param replayCache the cache
	 * @return the new credentials
	 */
	public KerberosServiceCredentials withReplayCache(ReplayCache replayCache) {
		java.util.Objects.requireNonNull(replayCache, "replayCache");
		return new KerberosServiceCredentials(this.serviceCredential, this.credential, this.pacRequired, replayCache);
	}

	/**
	 * Return where the acceptor records the AP-REQs it accepts.
	 * @return the replay cache
	 */
	public ReplayCache replayCache() {
		return this.replayCache;
	}

}
