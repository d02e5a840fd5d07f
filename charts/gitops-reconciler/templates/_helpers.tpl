{{/* Chart name, overridable. */}}
{{- define "gitops-reconciler.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, with the chart name appended unless the release name already contains it. */}}
{{- define "gitops-reconciler.fullname" -}}
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

{{- define "gitops-reconciler.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "gitops-reconciler.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gitops-reconciler.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gitops-reconciler.labels" -}}
helm.sh/chart: {{ include "gitops-reconciler.chart" . }}
{{ include "gitops-reconciler.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: gitops-reconciler
{{- end }}

{{- define "gitops-reconciler.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "gitops-reconciler.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name an existing ServiceAccount" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The namespace of the managed ConfigMaps, their Events and the Lease (GitOps:Kubernetes:Namespace). */}}
{{- define "gitops-reconciler.targetNamespace" -}}
{{- default .Release.Namespace .Values.kubernetes.namespace }}
{{- end }}

{{- define "gitops-reconciler.leaseName" -}}
{{- default (include "gitops-reconciler.fullname" .) .Values.kubernetes.leaseName }}
{{- end }}

{{- define "gitops-reconciler.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "gitops-reconciler.secretName" -}}
{{- default (include "gitops-reconciler.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Secret entries the settings turn on, as a YAML list of {env, key, value}: env is the GitOps__… variable,
key the Secret key, value the chart-created Secret's value (unused with existingSecret).
*/}}
{{- define "gitops-reconciler.secretEntries" -}}
{{- $keys := .Values.secrets.keys }}
{{- $vals := .Values.secrets.values }}
{{- $entries := list }}
{{- if eq .Values.repository.credentials "token" }}
{{- $entries = append $entries (dict "env" "GitOps__Repository__Token" "key" $keys.gitToken "value" $vals.gitToken "setting" "secrets.values.gitToken") }}
{{- else if eq .Values.repository.credentials "basic" }}
{{- $entries = append $entries (dict "env" "GitOps__Repository__Username" "key" $keys.gitUsername "value" $vals.gitUsername "setting" "secrets.values.gitUsername") }}
{{- $entries = append $entries (dict "env" "GitOps__Repository__Password" "key" $keys.gitPassword "value" $vals.gitPassword "setting" "secrets.values.gitPassword") }}
{{- end }}
{{- if .Values.webhooks.github.enabled }}
{{- $entries = append $entries (dict "env" "GitOps__Webhooks__GitHubSecret" "key" $keys.githubWebhookSecret "value" $vals.githubWebhookSecret "setting" "secrets.values.githubWebhookSecret") }}
{{- end }}
{{- if .Values.webhooks.gitlab.enabled }}
{{- $entries = append $entries (dict "env" "GitOps__Webhooks__GitLabToken" "key" $keys.gitlabWebhookToken "value" $vals.gitlabWebhookToken "setting" "secrets.values.gitlabWebhookToken") }}
{{- end }}
{{- if .Values.webhooks.generic.enabled }}
{{- $entries = append $entries (dict "env" "GitOps__Webhooks__GenericSecret" "key" $keys.genericWebhookSecret "value" $vals.genericWebhookSecret "setting" "secrets.values.genericWebhookSecret") }}
{{- end }}
{{- if .Values.github.token.enabled }}
{{- $entries = append $entries (dict "env" "GitOps__GitHub__Token" "key" $keys.githubToken "value" $vals.githubToken "setting" "secrets.values.githubToken") }}
{{- end }}
{{- range $i, $t := .Values.auth.tokens }}
{{- $entries = append $entries (dict "env" (printf "GitOps__Auth__Tokens__%d__Sha256" $i) "key" (printf "token-%s-sha256" $t.name) "value" ($t.sha256 | default "") "setting" (printf "auth.tokens[%d].sha256" $i)) }}
{{- end }}
{{- toYaml (dict "entries" $entries) }}
{{- end }}

{{/* Fails rendering on combinations that cannot work, naming the value to change. */}}
{{- define "gitops-reconciler.validate" -}}
{{- if not .Values.repository.embedded }}
{{- $_ := required "repository.remoteUrl is required: set it to your config repository (e.g. --set repository.remoteUrl=https://github.com/acme/platform-config.git), or set repository.embedded=true for a single-replica demo without a remote" .Values.repository.remoteUrl }}
{{- end }}
{{- if and .Values.repository.embedded (gt (int .Values.replicaCount) 1) }}
{{- fail "repository.embedded needs replicaCount 1: every replica would keep its own repository; set repository.remoteUrl for several replicas" }}
{{- end }}
{{- if and .Values.persistence.enabled (gt (int .Values.replicaCount) 1) }}
{{- fail "persistence.enabled needs replicaCount 1: replicas keep their own clones in an emptyDir; leave persistence.enabled false for several replicas" }}
{{- end }}
{{- if and (eq .Values.auth.mode "Tokens") (not .Values.auth.tokens) (gt (int .Values.replicaCount) 1) }}
{{- fail "auth.tokens is required with replicaCount > 1: each replica would otherwise create its own admin token; list tokens (name, role) and put their SHA-256 in the Secret" }}
{{- end }}
{{- if and (eq .Values.mutations.mode "PullRequest") (not .Values.github.token.enabled) }}
{{- fail "mutations.mode PullRequest needs github.token.enabled=true and a GitHub token in the Secret" }}
{{- end }}
{{- if not .Values.secrets.existingSecret }}
{{- range (include "gitops-reconciler.secretEntries" . | fromYaml).entries }}
{{- $_ := required (printf "%s is required (or set secrets.existingSecret to a Secret holding key %s)" .setting .key) .value }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The projected volume sources that mount every ConfigMap part of one plugin as one folder: {prefix}-{plugin} and the
optional parts {prefix}-{plugin}-2 … -{maxParts} (a plugin larger than one ConfigMap is split; parts never share a file).
Call with (dict "root" $ "plugin" "catalog" "maxParts" 4).
*/}}
{{- define "gitops-reconciler.pluginVolumeSources" -}}
{{- $prefix := .root.Values.kubernetes.configMapPrefix -}}
- configMap:
    name: {{ printf "%s-%s" $prefix .plugin }}
{{- range $i := untilStep 2 (int (add1 .maxParts)) 1 }}
- configMap:
    name: {{ printf "%s-%s-%d" $prefix $.plugin $i }}
    optional: true
{{- end }}
{{- end }}
