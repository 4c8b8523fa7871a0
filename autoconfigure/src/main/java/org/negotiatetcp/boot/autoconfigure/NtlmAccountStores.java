package org.negotiatetcp.boot.autoconfigure;

import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;

/**
 * Builds the in-memory NTLM account store of {@code negotiate.tcp.server.ntlm.accounts}.
 *
 * @author Negotiate TCP
 */
final class NtlmAccountStores {

	private NtlmAccountStores() {
	}

	static NtlmAccountStore fromProperties(Map<String, String> accounts) {
		throw new InvalidConfigurationPropertyValueException("negotiate.tcp.server.ntlm.accounts", accounts.keySet(),
				"The in-memory NTLM account store is not part of this build yet; define an NtlmAccountStore bean");
	}

}
