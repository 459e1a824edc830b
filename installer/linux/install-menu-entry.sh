#!/bin/sh
# Add ProfOrient Desktop to the current user's application menu and open
# *.proforient packages with it. Needs no administrator rights: everything
# goes under ~/.local/share. Run it again after moving the program folder;
# run it with --remove to take the entries away (the data folder stays).
set -eu

APP_DIR=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
APPLICATIONS="$DATA_HOME/applications"
ICONS="$DATA_HOME/icons/hicolor/256x256/apps"
MIME_PACKAGES="$DATA_HOME/mime/packages"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPLICATIONS" || true
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA_HOME/mime" || true
}

if [ "${1:-}" = "--remove" ]; then
    rm -f "$APPLICATIONS/proforient.desktop" "$ICONS/proforient.png" "$MIME_PACKAGES/proforient-mime.xml"
    refresh
    echo "Ярлык ПрофОриент удалён из меню. Данные программы не тронуты."
    exit 0
fi

mkdir -p "$APPLICATIONS" "$ICONS" "$MIME_PACKAGES"
# The folder may contain spaces, quotes or Cyrillic letters: the Exec key
# quotes it, escaping as the Desktop Entry Specification requires.
escaped=$(printf '%s' "$APP_DIR" | sed -e 's/[\\"`$]/\\\\&/g' -e 's/%/%%/g')
while IFS= read -r line; do
    case $line in
        Exec=*) printf 'Exec="%s/ProfOrient" %%f\n' "$escaped" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$APP_DIR/proforient.desktop" > "$APPLICATIONS/proforient.desktop"
cp "$APP_DIR/proforient.png" "$ICONS/proforient.png"
cp "$APP_DIR/proforient-mime.xml" "$MIME_PACKAGES/proforient-mime.xml"
command -v xdg-mime >/dev/null 2>&1 && xdg-mime default proforient.desktop application/x-proforient-package || true
refresh
echo "ПрофОриент добавлен в меню программ (раздел «Офис»). Пакеты *.proforient открываются двойным щелчком."
