package org.negotiatetcp.mechanism.ntlm;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The names an NTLM server announces in its CHALLENGE ([MS-NLMP] 2.2.1.2 TargetName and the TargetInfo AV pairs).
 * Windows clients (and .NET's managed NTLM) refuse a CHALLENGE without both NetBIOS names when signing or sealing.
 * @param netbiosComputerName MsvAvNbComputerName, for example {@code SRV1}
 * @param netbiosDomainName MsvAvNbDomainName, for example {@code EXAMPLE}; a stand-alone server uses its computer name
 * @param dnsComputerName MsvAvDnsComputerName, for example {@code srv1.example.com}, or {@code null}
 * @param dnsDomainName MsvAvDnsDomainName, for example {@code example.com}, or {@code null}
 */
public record NtlmServerNames(String netbiosComputerName, String netbiosDomainName, @Nullable String dnsComputerName,
		@Nullable String dnsDomainName) {

	public NtlmServerNames {
		if (netbiosComputerName == null || netbiosComputerName.isBlank()) {
			throw new IllegalArgumentException("NetBIOS computer name must not be empty");
		}
		if (netbiosDomainName == null || netbiosDomainName.isBlank()) {
			throw new IllegalArgumentException("NetBIOS domain name must not be empty; a stand-alone server uses "
					+ "its computer name");
		}
	}

	/**
	 * Derive names from a host name: {@code srv1.example.com} gives NetBIOS {@code SRV1} in domain {@code EXAMPLE}
	 * with DNS names {@code srv1.example.com} and {@code example.com}; a single-label name {@code srv1} gives a
	 * stand-alone server {@code SRV1} in "domain" {@code SRV1}. NetBIOS names are upper-cased and cut to 15
	 * characters.
	 * @param hostName the host name
	 * @return the names
	 */
	public static NtlmServerNames forHost(String hostName) {
		if (hostName == null || hostName.isBlank()) {
			throw new IllegalArgumentException("Host name must not be empty");
		}
		int dot = hostName.indexOf('.');
		if (dot < 0) {
			String netbios = netbios(hostName);
			return new NtlmServerNames(netbios, netbios, hostName, null);
		}
		String domain = hostName.substring(dot + 1);
		int domainDot = domain.indexOf('.');
		String domainLabel = (domainDot < 0) ? domain : domain.substring(0, domainDot);
		return new NtlmServerNames(netbios(hostName.substring(0, dot)), netbios(domainLabel), hostName, domain);
	}

	private static String netbios(String label) {
		String upper = label.toUpperCase(Locale.ROOT);
		return (upper.length() > 15) ? upper.substring(0, 15) : upper;
	}

}
