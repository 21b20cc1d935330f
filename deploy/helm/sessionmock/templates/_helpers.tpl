{{/* The chart's name, at most 63 characters (a label value's limit). */}}
{{- define "sessionmock.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of the release's objects: the release name, followed by the
chart's unless it already holds it.
*/}}
{{- define "sessionmock.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The labels that select the pods; they never change after install. */}}
{{- define "sessionmock.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sessionmock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The labels of every object. */}}
{{- define "sessionmock.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "sessionmock.selectorLabels" . }}
app.kubernetes.io/component: mock
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
A whole number from the values. Helm reads numbers in values as floats,
which print as 2.0261125e+13 when large: print integers as integers, and
quoted numbers as they are written.
*/}}
{{- define "sessionmock.int" -}}
{{- if kindIs "string" . }}{{ . }}{{ else }}{{ int64 . }}{{ end }}
{{- end }}

{{/* "http" or "https", as the mock serves. */}}
{{- define "sessionmock.scheme" -}}
{{- if .Values.tls.enabled }}https{{ else }}http{{ end }}
{{- end }}

{{/*
The config file: the config values, with the fault values in the file's
keys. Its fault rules and the settings in it are the same on every replica.
*/}}
{{- define "sessionmock.configFile" -}}
{{- $c := deepCopy (.Values.config | default dict) }}
{{- with .Values.faults }}
{{- if .latency }}{{ $_ := set $c "latency" .latency }}{{ end }}
{{- if .errorRate }}
{{- $_ := set $c "error-rate" .errorRate }}
{{- $_ := set $c "error-status" (int .errorStatus) }}
{{- end }}
{{- if .rules }}{{ $_ := set $c "faults" .rules }}{{ end }}
{{- end }}
{{- toYaml $c }}
{{- end }}
