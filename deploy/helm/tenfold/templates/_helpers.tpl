{{/*
Name of the chart, overridable.
*/}}
{{- define "tenfold.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name that prefixes every resource: the release name, with the chart name unless the release name
already contains it.
*/}}
{{- define "tenfold.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tenfold.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "tenfold.labels" -}}
helm.sh/chart: {{ include "tenfold.chart" . }}
{{ include "tenfold.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tenfold
{{- end }}

{{- define "tenfold.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tenfold.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The five services: their short name (database role, schema and Secret key prefix), the key of their
values, and which of them get the operator credentials and the key encryption key. Templates iterate
with: range $name, $svc := include "tenfold.services" . | fromYaml (in name order).
*/}}
{{- define "tenfold.services" -}}
tenant-service:
  short: tenant
  key: tenantService
  operator: true
auth-service:
  short: auth
  key: authService
  operator: true
  keyEncryptionKey: true
fhir-service:
  short: fhir
  key: fhirService
portal-service:
  short: portal
  key: portalService
bulk-service:
  short: bulk
  key: bulkService
{{- end }}

{{/*
Name of a service's resources (Deployment, Service, PDB, migration Job prefix): <fullname>-<service>.
Argument: dict root, name.
*/}}
{{- define "tenfold.componentName" -}}
{{- printf "%s-%s" (include "tenfold.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels and selector labels of a service's resources. Argument: dict root, name.
*/}}
{{- define "tenfold.componentLabels" -}}
{{ include "tenfold.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "tenfold.componentSelectorLabels" -}}
{{ include "tenfold.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Image of a service. Argument: dict root, name.
*/}}
{{- define "tenfold.image" -}}
{{- $image := .root.Values.image }}
{{- printf "%s/%s/%s:%s" $image.registry $image.repositoryPrefix .name (toString ($image.tag | default .root.Chart.AppVersion)) }}
{{- end }}

{{/*
Name of the Secret with the passwords and keys: existingSecret, or the one the chart creates.
*/}}
{{- define "tenfold.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "tenfold.fullname" . }}
{{- end }}
{{- end }}

{{- define "tenfold.configMapName" -}}
{{- printf "%s-config" (include "tenfold.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tenfold.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tenfold.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The public base URL, required, without a trailing slash.
*/}}
{{- define "tenfold.publicBaseUrl" -}}
{{- required "publicBaseUrl is required: the public URL of the Ingress as clients see it, e.g. --set publicBaseUrl=https://fhir.example.com" .Values.publicBaseUrl | trimSuffix "/" }}
{{- end }}

{{/*
Query string of the database URLs: sslmode (both URLs) and jdbcParams (JDBC only).
Argument: dict root, jdbc (bool).
*/}}
{{- define "tenfold.dbParams" -}}
{{- $pg := .root.Values.postgresql }}
{{- $params := list }}
{{- with $pg.sslMode }}{{ $params = append $params (printf "sslmode=%s" .) }}{{ end }}
{{- if .jdbc }}{{ with $pg.jdbcParams }}{{ $params = append $params (trimPrefix "?" .) }}{{ end }}{{ end }}
{{- if $params }}?{{ join "&" $params }}{{ end }}
{{- end }}

{{/*
The settings every service container gets, as a YAML map of environment variables: the data of the
ConfigMap, and inlined into the migration Jobs (which run before the new ConfigMap is applied).
*/}}
{{- define "tenfold.commonEnv" -}}
{{- $pg := .Values.postgresql }}
{{- $host := required "postgresql.host is required: the host of the PostgreSQL server" $pg.host }}
{{- $address := printf "%s:%v/%s" $host $pg.port $pg.database -}}
QUARKUS_HTTP_HOST: "0.0.0.0"
QUARKUS_HTTP_PORT: "8080"
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s%s" $address (include "tenfold.dbParams" (dict "root" . "jdbc" true)) | quote }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s%s" $address (include "tenfold.dbParams" (dict "root" . "jdbc" false)) | quote }}
TENFOLD_KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required: the Kafka bootstrap servers, host:port[,host:port]" .Values.kafka.bootstrapServers | quote }}
TENFOLD_KAFKA_REPLICATION_FACTOR: {{ .Values.kafka.replicationFactor | toString | quote }}
TENFOLD_KAFKA_PARTITIONS: {{ .Values.kafka.partitions | toString | quote }}
TENFOLD_PUBLIC_BASE_URL: {{ include "tenfold.publicBaseUrl" . | quote }}
{{- end }}

{{/*
The environment of one service beyond the ConfigMap: its database role and password, the operator
credentials (tenant-service, auth-service), the key encryption key (auth-service), then extraEnv.
Argument: dict root, name, svc (entry of tenfold.services).
*/}}
{{- define "tenfold.serviceEnv" -}}
{{- $root := .root }}
{{- $secret := include "tenfold.secretName" $root }}
{{- $short := .svc.short -}}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ required (printf "postgresql.users.%s is required" $short) (index $root.Values.postgresql.users $short) | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $short }}-db-password
{{- if .svc.operator }}
- name: TENFOLD_OPERATOR_CLIENT_ID
  value: {{ required "operator.clientId is required" $root.Values.operator.clientId | quote }}
- name: TENFOLD_OPERATOR_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: operator-secret
{{- end }}
{{- if or (eq $short "tenant") (eq $short "fhir") (eq $short "bulk") }}
- name: TENFOLD_AUTH_URL
  value: {{ printf "http://%s-auth-service:8080" (include "tenfold.fullname" $root) | quote }}
{{- end }}
{{- if eq $short "fhir" }}
# bulk-service's role, granted SELECT on fhir.resources to stream exports
- name: QUARKUS_FLYWAY_PLACEHOLDERS_EXPORT_READER
  value: {{ required "postgresql.users.bulk is required" $root.Values.postgresql.users.bulk | quote }}
{{- end }}
{{- if eq $short "auth" }}
- name: TENFOLD_FHIR_URL
  value: {{ printf "http://%s-fhir-service:8080" (include "tenfold.fullname" $root) | quote }}
{{- end }}
{{- if eq $short "tenant" }}
{{- with $root.Values.mail }}
{{- if .host }}
- name: QUARKUS_MAILER_HOST
  value: {{ .host | quote }}
- name: QUARKUS_MAILER_PORT
  value: {{ .port | toString | quote }}
- name: QUARKUS_MAILER_FROM
  value: {{ required "mail.from is required with mail.host" .from | quote }}
- name: QUARKUS_MAILER_START_TLS
  value: {{ .startTls | quote }}
{{- if .username }}
- name: QUARKUS_MAILER_USERNAME
  value: {{ .username | quote }}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: mail-password
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $short "portal" }}
- name: TENFOLD_TENANT_SERVICE_URL
  value: {{ printf "http://%s-tenant-service:8080" (include "tenfold.fullname" $root) | quote }}
{{- end }}
{{- if .svc.keyEncryptionKey }}
- name: TENFOLD_AUTH_KEY_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: auth-key-encryption-key
{{- end }}
{{- with $root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with (index $root.Values .svc.key).extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The /tmp emptyDir volume (the root filesystem is read-only).
*/}}
{{- define "tenfold.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}

{{/*
A route path of routes.yaml as an anchored ingress-nginx regular expression: '*' is one tenant id
segment, and the route matches its path and everything below it.
*/}}
{{- define "tenfold.routeRegex" -}}
{{- if not (regexMatch "^(/([A-Za-z0-9_-]+|\\*))+$" .) }}
{{- fail (printf "routes.yaml: path %q must be /-separated segments of letters, digits, '-', '_' or a single '*'" .) }}
{{- end }}
{{- printf "^%s(/|$)" (replace "*" "[a-z0-9][a-z0-9-]*" .) }}
{{- end }}

{{/*
One value of the chart's Secret, base64: the given value, else the one in the cluster, else the generated one.
Argument: dict given, existing (data of the Secret in the cluster), key, generated.
*/}}
{{- define "tenfold.secretValue" -}}
{{- if .given }}
{{- .given | toString | b64enc }}
{{- else if hasKey .existing .key }}
{{- index .existing .key }}
{{- else }}
{{- .generated | b64enc }}
{{- end }}
{{- end }}
