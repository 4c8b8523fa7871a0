#!/bin/sh
# Creates the realm KDC_REALM with the principals of KDC_PRINCIPALS ("name" for random keys, "name:password"),
# writes one keytab per principal to /keytabs/<name with / replaced by ->.keytab, then runs the KDC in the
# foreground (TCP and UDP port 88). MitKdcContainer waits for "commencing operation".
set -eu
REALM="${KDC_REALM:-EXAMPLE.COM}"
mkdir -p /etc/krb5kdc /var/lib/krb5kdc /keytabs
cat > /etc/krb5.conf <<CONF
[libdefaults]
  default_realm = $REALM
  dns_lookup_kdc = false
  dns_lookup_realm = false
[realms]
  $REALM = {
    kdc = localhost:88
    admin_server = localhost
  }
CONF
cat > /etc/krb5kdc/kdc.conf <<CONF
[kdcdefaults]
  kdc_ports = 88
  kdc_tcp_ports = 88
[realms]
  $REALM = {
    database_name = /var/lib/krb5kdc/principal
    acl_file = /etc/krb5kdc/kadm5.acl
    key_stash_file = /etc/krb5kdc/stash
    max_life = 10h 0m 0s
    max_renewable_life = 7d 0h 0m 0s
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
[logging]
  kdc = STDERR
CONF
: > /etc/krb5kdc/kadm5.acl
kdb5_util create -s -r "$REALM" -P "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" > /dev/null
for entry in ${KDC_PRINCIPALS:-}; do
  name="${entry%%:*}"
  keytab="/keytabs/$(echo "$name" | tr '/' '-').keytab"
  if [ "$name" != "$entry" ]; then
    kadmin.local -r "$REALM" -q "addprinc -pw ${entry#*:} $name@$REALM" > /dev/null
    kadmin.local -r "$REALM" -q "ktadd -norandkey -k $keytab $name@$REALM" > /dev/null
  else
    kadmin.local -r "$REALM" -q "addprinc -randkey $name@$REALM" > /dev/null
    kadmin.local -r "$REALM" -q "ktadd -k $keytab $name@$REALM" > /dev/null
  fi
  echo "created $name@$REALM"
done
chmod 644 /keytabs/*.keytab 2>/dev/null || true
exec krb5kdc -n -r "$REALM"
