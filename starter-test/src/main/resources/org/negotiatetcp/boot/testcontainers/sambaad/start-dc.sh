#!/bin/bash
# Provisions the AD domain AD_REALM / AD_DOMAIN, creates the users of AD_USERS ("name:password" ..., each with a keytab /keytabs/<name>.keytab), the groups of
# AD_GROUPS ("group:member,member" ...) and the service accounts of AD_SERVICES ("account:SPN,SPN" ...), exports one
# keytab per service account to /keytabs/<account>.keytab (holding the account's keys under each of its SPNs), applies
# the computer accounts of AD_COMPUTERS and the delegation settings of AD_DELEGATE_TO, AD_PROTOCOL_TRANSITION and AD_TRUSTED_FOR_DELEGATION, then runs samba in the foreground. SambaAdContainer waits for "SAMBA AD DC READY".
set -euo pipefail
REALM="${AD_REALM:-EXAMPLE.TEST}"
DOMAIN="${AD_DOMAIN:-EXAMPLE}"
ADMIN_PASSWORD="${AD_ADMIN_PASSWORD:-Admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
rm -f /etc/samba/smb.conf
samba-tool domain provision --realm="$REALM" --domain="$DOMAIN" --server-role=dc --dns-backend=NONE \
	--adminpass="$ADMIN_PASSWORD" --use-rfc2307 --quiet > /tmp/provision.log 2>&1 || { cat /tmp/provision.log; exit 1; }
cp /var/lib/samba/private/krb5.conf /etc/krb5.conf
samba-tool domain passwordsettings set --complexity=off --min-pwd-length=1 --history-length=0 \
	--min-pwd-age=0 > /dev/null
mkdir -p /keytabs
for entry in ${AD_USERS:-}; do
	samba-tool user create "${entry%%:*}" "${entry#*:}" > /dev/null
	samba-tool domain exportkeytab "/keytabs/${entry%%:*}.keytab" --principal="${entry%%:*}" > /dev/null
	echo "created user ${entry%%:*}"
done
for entry in ${AD_GROUPS:-}; do
	group="${entry%%:*}"
	samba-tool group add "$group" > /dev/null
	if [ "$group" != "$entry" ] && [ -n "${entry#*:}" ]; then
		samba-tool group addmembers "$group" "${entry#*:}" > /dev/null
	fi
	echo "created group $group"
done
for entry in ${AD_SERVICES:-}; do
	account="${entry%%:*}"
	samba-tool user create "$account" --random-password > /dev/null
	samba-tool user setexpiry "$account" --noexpiry > /dev/null
	# AES only: without msDS-SupportedEncryptionTypes the KDC issues RC4 tickets for the account's SPNs
	dn=$(ldbsearch -H /var/lib/samba/private/sam.ldb "(sAMAccountName=$account)" dn | sed -n 's/^dn: //p')
	printf 'dn: %s\nchangetype: modify\nreplace: msDS-SupportedEncryptionTypes\nmsDS-SupportedEncryptionTypes: 24\n' \
		"$dn" | ldbmodify -H /var/lib/samba/private/sam.ldb > /dev/null
	if [ "$account" != "$entry" ]; then
		IFS=',' read -r -a spns <<< "${entry#*:}"
		for spn in "${spns[@]}"; do
			samba-tool spn add "$spn" "$account" > /dev/null
			samba-tool domain exportkeytab "/keytabs/$account.keytab" --principal="$spn" > /dev/null
		done
	fi
	samba-tool domain exportkeytab "/keytabs/$account.keytab" --principal="$account" > /dev/null
	echo "created service account $account"
done
# computer accounts: AD_COMPUTERS ("name:SPN,SPN" ...), each with a keytab /keytabs/<name>.keytab holding its keys under
# each SPN and its account name (name$)
for entry in ${AD_COMPUTERS:-}; do
	computer="${entry%%:*}"
	args=()
	if [ "$computer" != "$entry" ]; then
		IFS=',' read -r -a spns <<< "${entry#*:}"
		for spn in "${spns[@]}"; do
			args+=("--service-principal-name=$spn")
		done
	else
		spns=()
	fi
	samba-tool computer create "$computer" "${args[@]}" > /dev/null
	# a created computer account is disabled and has no password (no keys): give it a random one, as a join does
	samba-tool user setpassword "$computer\$" --random-password > /dev/null
	samba-tool user enable "$computer\$" > /dev/null
	dn=$(ldbsearch -H /var/lib/samba/private/sam.ldb "(sAMAccountName=$computer\$)" dn | sed -n 's/^dn: //p')
	printf 'dn: %s\nchangetype: modify\nreplace: msDS-SupportedEncryptionTypes\nmsDS-SupportedEncryptionTypes: 24\n' \
		"$dn" | ldbmodify -H /var/lib/samba/private/sam.ldb > /dev/null
	for spn in "${spns[@]}"; do
		samba-tool domain exportkeytab "/keytabs/$computer.keytab" --principal="$spn" > /dev/null
	done
	samba-tool domain exportkeytab "/keytabs/$computer.keytab" --principal="$computer\$" > /dev/null
	echo "created computer account $computer"
done
# delegation: AD_DELEGATE_TO ("account:SPN,SPN" ...) fills msDS-AllowedToDelegateTo (constrained delegation, S4U2Proxy);
# AD_PROTOCOL_TRANSITION ("account" ...) sets TRUSTED_TO_AUTH_FOR_DELEGATION (S4U2Self tickets are forwardable: the
# account may act as users who did not authenticate with Kerberos); AD_TRUSTED_FOR_DELEGATION ("account" ...) sets
# TRUSTED_FOR_DELEGATION (unconstrained: tickets for the account's SPNs carry ok-as-delegate)
for entry in ${AD_DELEGATE_TO:-}; do
	IFS=',' read -r -a spns <<< "${entry#*:}"
	for spn in "${spns[@]}"; do
		samba-tool delegation add-service "${entry%%:*}" "$spn" > /dev/null
	done
	echo "delegation ${entry%%:*} -> ${entry#*:}"
done
for account in ${AD_PROTOCOL_TRANSITION:-}; do
	samba-tool delegation for-any-protocol "$account" on > /dev/null
	echo "protocol transition $account"
done
for account in ${AD_TRUSTED_FOR_DELEGATION:-}; do
	samba-tool delegation for-any-service "$account" on > /dev/null
	echo "trusted for delegation $account"
done
chmod 644 /keytabs/*.keytab 2>/dev/null || true
samba -i -M single --debug-stdout > /var/log/samba-dc.log 2>&1 &
SAMBA_PID=$!
for i in $(seq 600); do
	if (exec 3<>/dev/tcp/127.0.0.1/88) 2>/dev/null; then
		echo "SAMBA AD DC READY"
		break
	fi
	kill -0 "$SAMBA_PID" 2>/dev/null || { cat /var/log/samba-dc.log; exit 1; }
	sleep 0.5
done
tail -F /var/log/samba-dc.log &
wait "$SAMBA_PID"
