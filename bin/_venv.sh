# Sourced by bin/demo, bin/test and bin/lock (not a command): the project's virtualenv in
# .venv, filled from a lock file so that every machine installs the same versions.
PYTHON="${PYTHON:-python3}"

# install_lock FILE: create .venv if needed and install FILE's exact, hash-checked versions.
install_lock() {
    if [ ! -x .venv/bin/python ]; then
        echo "Creating the virtualenv in .venv ..."
        "$PYTHON" -m venv .venv || {
            echo "Could not create .venv with $PYTHON: install Python 3.11 or newer with its venv module" \
                "(on Debian: apt-get install python3-venv), or name another interpreter in PYTHON=." >&2
            exit 1
        }
    fi
    echo "Installing $1 ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$1" || {
        echo "Installing $1 failed: check the network access to PyPI, then run the command again." >&2
        exit 1
    }
}
