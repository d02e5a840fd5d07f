# syntax=docker/dockerfile:1
# GitOps Reconciler: the ASP.NET Core host (src/WebhookApi) on the ASP.NET runtime image.
#   docker build -t gitops-reconciler .
#   docker run -p 8080:8080 -v gitops-data:/var/lib/gitops gitops-reconciler

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone so this layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Reconciler/Reconciler.csproj src/Reconciler/
COPY src/HotReload/HotReload.csproj src/HotReload/
COPY src/WebhookApi/WebhookApi.csproj src/WebhookApi/
RUN dotnet restore src/WebhookApi/WebhookApi.csproj
COPY src/Reconciler/ src/Reconciler/
COPY src/HotReload/ src/HotReload/
COPY src/WebhookApi/ src/WebhookApi/
# The embedded default seeds from examples/repo; the project publishes a copy next to the binary.
COPY examples/repo/ examples/repo/
RUN dotnet publish src/WebhookApi/WebhookApi.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# git is for operators who exec into the pod (git log, git show in the data directory);
# the service itself uses libgit2, whose native library ships with the app.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 gitops \
    && useradd --uid 10001 --gid 10001 --home-dir /var/lib/gitops --no-create-home --shell /usr/sbin/nologin gitops \
    && mkdir -p /var/lib/gitops \
    && chown 10001:10001 /var/lib/gitops \
    && chmod 0750 /var/lib/gitops
WORKDIR /app
COPY --from=build /app ./
# The host binds 127.0.0.1:5080 unless ASPNETCORE_URLS says otherwise; in a container it must listen on all
# interfaces. ASPNETCORE_HTTP_PORTS (set by the base image) is cleared so URLS alone decides.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    GitOps__Repository__Path=/var/lib/gitops \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
USER 10001:10001
VOLUME ["/var/lib/gitops"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "GitOps.WebhookApi.dll"]
