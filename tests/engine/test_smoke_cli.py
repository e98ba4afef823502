from rsec.cli import main


def test_version_flag(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "rsec 0.1.0" in capsys.readouterr().out
