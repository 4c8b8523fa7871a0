package org.negotiatetcp.testsupport;

import java.nio.file.Path;

/**
 * The MIT realm the interop tests run their peers in: {@code EXAMPLE.TEST} with the user {@code alice} (password
 * {@code alice-pw1}, logged in to a ticket cache), the service {@code host/localhost} (in a keytab), and a gss-ntlmssp
 * user file holding {@code EXAMPLE\bob} (password {@code bob-pw1}). Closing it stops the KDC.
 *
 * @param kdc the running KDC
 * @param keytab the keytab of {@code host/localhost}
 * @param ccache alice's ticket cache
 * @param ntlmUsers the gss-ntlmssp user file, for {@link PythonGssPeer.Builder#ntlmUserFile}
 */
public record PeerRealm(MitKdc kdc, Path keytab, Path ccache, Path ntlmUsers) implements AutoCloseable {

	/**
	 * Start the KDC and create the principals, the keytab, the ticket cache and the user file.
	 * @return the realm
	 */
	public static PeerRealm start() {
		MitKdc kdc = MitKdc.start("EXAMPLE.TEST");
		kdc.addPrincipal("alice", "alice-pw1");
		Path keytab = kdc.addService("host/localhost");
		Path ccache = kdc.kinit("alice", "alice-pw1");
		Path ntlmUsers = PythonGssPeer.writeNtlmUserFile(kdc.directory().resolve("ntlm_users"), "EXAMPLE:bob:bob-pw1");
		return new PeerRealm(kdc, keytab, ccache, ntlmUsers);
	}

	@Override
	public void close() {
		this.kdc.close();
	}

}
