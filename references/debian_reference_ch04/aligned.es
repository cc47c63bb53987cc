Capítulo 4. Authentication and access controls
Cuando una persona (o programa) necesita acceso al sistema, la acreditación confirma que la identidad es confiable.
Debe tener un CD de rescate a mano o configurar una partición de arranque alternativa.
Una configuración erronea de PAM puede bloquearlo en su propio sistema.
4.1. Acreditación normal de Unix
La acreditación normal de Unix la proporciona el módulo pam_unix(8) de PAM (Módulos de acreditación conectables (Pluggable Authentication Modules)).
Existen tres archivos de configuración importantes, que usan «:»como separador de entradas y son los siguiente:
los tres archivos importantes de configuración de pam_unix(8)
permisos
usuario
grupo
(limpia) información de la cuenta de usuario
información de seguridad de la cuenta de usuario
-rw-r--r-- información de grupo
«/etc/passwd»contiene lo siguiente:
Entrada de especificación de contraseña
ID de usuario numérico
ID numérico de grupo
Directorio raíz del usuario
Intérprete de órdenes opcional de usuario
La segunda entrada de «/etc/passwd»era usada para guardar la contraseña cifrada.
Después de la introducción de «/etc/shadow», esta entrada se usa para especificar la entrada de la contraseña.
Tabla 4.2. El contenido de la segunda entrada de «/etc/passwd»
contenido
cuenta sin contraseña
la contraseña cifrada esta en «/etc/shadow»
«/etc/shadow»tiene el siguiente contenido:
Como detalla shadow(5), cada entrada del fichero esta separado por «:»y tiene el significado:
Contraseña cifrada (El «$1$»inicial indica el uso del cifrado MD5. El carácter «*« indica sin acceso a la cuenta.)
«/etc/group»contiene:
Como se detalla en group(5), cada entrada separada por «:»tiene el siguiente significado:
Nombre del grupo
Contraseña cifrada (no usado)
ID numérico de grupo
relación de los nombres de usuario separados por «,«
«/etc/gshadow»aporta la misma funcionalidad que «/etc/shadow»para «/etc/group»pero no se usa en realidad.
La pertenencia real a un grupo por parte de un usuario puede ser añadido de forma dinámica si la línea «auth optional pam_group.so»esta añadida en «/etc/pam.d/common-auth»y activada en «/etc/security/group.conf».
Consulte pam_group(8).
El paquete base-passwd contiene una relación de acreditaciones de usuarios y grupos: «/usr/share/doc/base-passwd/users-and-groups.html».
4.2. Gestionando información de cuentas y contraseñas
Aquí estan algunas órdenes relevantes para la gestión de información de cuentas.
Tabla 4.3. Relación de órdenes para la gestión de información de las cuentas
orden getent passwd nombre_de_usuario
navega por la información de la cuenta de «nombre_de_usuario»
getent shadow nombre_de_usuario
navega por la información de cuenta «oculta« de «nombre_de_usuario»
getent group nombre_del_grupo
gestiona la contraseña de la cuenta
asigna una contraseña de un solo uso para la activación de la cuenta
gestión de la información de la vejez de la contraseña
Puede necesitar privilegios de superusuario para que funcionen alguna operación.
Consulte crypt(3) sobre el cifrado de la contraseña y datos.
En un sistema configurado con PAM y NSS como el equipo Debian salsa, el contenido local de «/etc/passwd», «/etc/group»y «/etc/shadow»pueden no estar activados en el sistema.
Incluso bajo estas circunstancias las órdenes son válidas.
4.3. Buenas contraseñas
Cuando se crea una cuenta durante la instalación de su sistema o con la orden passwd(1), puede elegir una buena contraseña la cual consiste al menos de 6 a 8 caracteres incluyendo uno o más carácteres de cada uno de los conjuntos siguientes de acuerdo a passwd(1).
Dígitos de 0 hasta 9
4.4. Creando una contraseña cifrada
Existen herramientas independientes para generar contraseñas cifradas con una semilla.
Tabla 4.4. Relación de herramientas para generar contraseñas orden mkpasswd
interfaz con múltiples funcionalidades de la biblioteca crypt(3)
resumenes criptográficos de las contraseñas (OpenSSL). passwd(1ssl)
4.5. PAM y NSS
Los sistemas modernos tipo Unix como el sistema Debian proporciona los mecanismos PAM (Módulos de Acreditación Conectables) y NSS (Intercambiador de Servicio de Nombres (Name Service Switch) al administrador de sistemas local para configurar su sistema.
PAM ofrece mecanismos flexibles de acreditación que son usados por las aplicaciones software mediante el intercambio de datos de contraseñas.
NSS ofrece un mecanismo de servicios de nombre flexible el cual es usado de forma habitual por la biblioteca C estándar para obtener el nombre del usuario y el grupo para programas como ls(1) y id(1).
Estos sistemas PAM y NSS necesitan ser configurados de forma coherente.
Los paquetes relevantes de los sistemas PAM y NSS son los siguientes:
Tabla 4.5. Relación de sistemas PAM y NSS relevantes
Módulos de acreditación conectables (servicios básicos)
PAM permite conectar con servicios LDAP
PAM para dar soporte a cracklib
PAM (documentación en html y texto)
Biblioteca GNU C: bibliotecas compartidas que ofrecen también el intercambio del servicio de nombres
Biblioteca GNU C: «manpages«
Biblioteca GNU C: Manual de Referencia en info, formatos pdf y html («non-free«)
Módulo NSS para resolución de nombres DNS sin servidor DNS
Módulo NSS para su integración con el servicio de nombres por LDAP
Módulo NSS para utiliza LDAP como servicio de nombres (nueva bifurcación de libnss-ldap)
Es esencial para aprender a configurar PAM la «The Linux-PAM System Administrators' Guide« en libpam-doc.
El documento principal para aprender a configurar NSS es «System Databases and Name Service Switch« section en glibc-doc-reference.
Puede obtener una relación más completa y actualizada mediante la orden «aptitude search 'libpam-|libnss-'».
El acrónimo NSS también tiene el significado de «Servicio de Seguridad de Red (Network Security Service) que es diferente de «Intercambio del Servicio de Nombres« (Name Service Switch).
PAM es la forma fundamental para la inicialización de las variables de entorno para cada programa con un valor diferente al que ofrece el sistema por defecto.
4.5.1. Archivos de configuración utilizados por PAM y NSS
Tabla 4.6. Relación de archivos de configuración utilizados por PAM y NSS
archivo de configuración
/etc/pam.d/nombre_de_programa
Realice la configuraciñon de PAM para el programa «nombre_del_programa»; consulte pam(7) y pam.d(5)
Realice la configuración NSS con una registro para cada servicio.
Consulte nsswitch.conf(5)
acote los permisos de acceso mediante el módulo pam_access(8)
restrinja los grupos básicos por medio del módulo pam_group(8)
asigne variables de entorno mediante el módulo pam_env(8)
restrinja la asignación de tiempo mediante el módulo pam_time(8)
Las normas para la selección de contraseñas se desarrolla en los módulos PAM, pam_unix(8) y pam_cracklib(8).
Pueden ser configuradas por sus parámetros.
Los nombres de archivos de los módulos de PAM usan el sufijo «.so».
4.5.2. La actual gestión centralizada de sistemas
La gestión moderna de sistemas centralizados puede desplegarse empleando un servidor central LDAP (Protocolo Ligero de Acceso a Directorios) que administre los sistemas en la red, sean estos tipo Unix o de otro tipo.
La implementación de código libre de este protocolo es el software OpenLDAP.
El servidor LDAP proporciona información de la cuenta mediante PAM y NSS con los paquetes libpam-ldap y libnss-ldap del sistema Debian.
Por favor léala en este contexto).
Puede configurar un servidor centralizado LDAP ejecutando un programa como el demonio LDAP centralizado, slapd(8).
Cambie los archivos de configuración PAM en el directorio «/etc/pam.d/»para usar «pam_ldap.so»en vez de la opción por defecto «pam_unix.so».
Debian utiliza los archivos «/etc/pam_ldap.conf»para la configuración de libpam-ldap y «/etc/pam_ldap.secret»para archivar la contraseña de root.
Cambie la configuración NSS en el archivo «/etc/nsswitch.conf»para suar ldap en vez de la opción por defecto («compat»o «file»).
Debian utiliza el archivo «/etc/libnss-ldap.conf»para la configuración de libnss-ldap.
Una contraseña segura necesita que libpam-ldap use conexines SSL (o TLS).
La integridad de los datos necesita que libnss-ldap utilice conexiones SSL (o TLS) con la sobrecarga de red de LDAP.
Debería ejecutar nscd(8) para que la caché almacene cualquier resultado de una búsqueda de LDAP con el fin de reducir el tráfico de red de LDAP.
Consulte los documentos pam_ldap.conf(5) y «/usr/share/doc/libpam-doc/html/»que contiene el paquete libpam-doc e «info libc 'Name Service Switch'»que contiene el paquete glibc-doc.
De forma parecida, se pueden instalar sistemas centralizados para otro métodos.
Integración de usuarios y grupos con sistemas Windows.
Se accede a servicios de dominio Windows por medio de los paquetes winbind y libpam_winbind.
Consulte winbindd(8) y Integración de redes MS Windows con Samba.
Integración de usuarios y grupos con sistemas tipo Unix antiguos.
Acceso a NIS (originalmente llamado páginas amarillas (YP) o NIS+ mediante el paquete nis.
Consulte «The Linux NIS(YP)/NYS/NIS+ HOWTO«.
4.5.3. «Razones por las que GNU no tienen la funcionalidad del grupo wheel«
Esta frase famosa al final de la página antigua de «info su»de Richard M. Stallman.
Para no preocuparse: la orden actual su en Debian usa PAM, así este puede limitar el uso de su al grupo root habilitando la línea «pam_wheel.so»en «/etc/pam.d/su».
4.5.4. Regla estricta para contraseñas
4.6. Acreditación de seguridad
La información que se facilita aquí puede no ser suficiente para la seguridad que necesita pero puede ser un buen comienzo.
4.6.1. Contraseñas seguras en Internet
Los servicios de la capa de transporte más usados usan mensajes que incluyen la acreditación mediante contraseñas en texto plano.
Es una mala idea emitir contraseñas en texto plano en una red descentralizada donde pueden ser interceptados.
Puede ejecutar estos servicios sobre la «Capa de Transporte Segura« (TLS) o su predecesor «Secure Sockets Layer« (SSL) para asegurar por medio del cifrado todas las comunicaciones incluidas las contraseñas.
Tabla 4.7. Relación de servicios y puertos seguros e inseguros
El coste de tiempo de CPU del cifrado.
Como alternativa más eficiente para la CPU, se pueden mantener las comunicaciones en texto plano y securizando la contraseña con el protocolo de acreditación como «Acreditación de Oficina de Correos (Authenticated Post Office Protocol, APOP )« para POP y «Mecanismo de acreditación reto-respuesta MD5(Challenge-Response Authentication Mechanism MD5, CRAM-MD5)« para SMTP e IMAP.
(Para el envio de mensajes de correo en Internet a su servidor de correo desde su cliente de correo, se ha vuelto usual el uso del puerto 587 para la recepción de mensajes en vez del tradicioal puerto 25 SMTP para evitar el bloqueo del puerto 25 por el proveedor de red mientras se acredita con CRAM-MD5.)
El programa Secure Shell (SSH) ofrece comunicaciones cifradas seguras entre dos equipos no confiables sobre una red insegura con acreditación segura.
Consiste en el cliente OpenSSH, ssh(1) y el demonio OpenSSH, sshd(8).
Este SSH puede ser usado para realizar un túnel de un protocolo de comunicación inseguro como es POP y securizar X sobre Internet con la funcionalidad de reenvio de puerto (port forwarding).
El cliente intenta acreditarse a si mismo usando la acreditación basada en equipos, acreditación de clave pública, acreditación reto-respuesta, o acreditación por contraseña.
El uso de acreditación por clave pública permite acceso remoto sin contraseña.
Consulte Sección 6.3, “Servidor de acceso remoto (SSH) y utilidades”.
4.6.3. Medidas extraordinarias de seguridad en Internet
Use of the firewall policy (see Sección 5.6, “Infraestructura Netfilter”) together with the following security tools may improve the security situation.
Tabla 4.8. Relación de herramientas que aportan medidas extra de seguridad small port-knock daemon knockd(1) and client knock(1)
prohibición de las IPs con múltiples errores de acreditación
bloquea atacantes remotos que intentan adivinar contraseñas
4.6.4. Asegurando la contraseña de root
Para evitar que la gente acceda a su equipo con privilegios de root, necesita realizar las siguientes acciones:
Impide el acceso físico al disco duro
Asigne una contraseña a las sesiones interactivas de GRUB
Bloquee la edición del menú de GRUB
Con acceso físico al disco duro, resetear la contraseña es relativamente fácil siguiendo los pasos:
Arranque el sistema con un medio de rescate (disco de arranque Debiam. Knoppix CD, GRUB CD,...).
Monte la partición raíz con permisos de lectura/escritura.
Edite «/etc/passwd»en la partición raíz y cree un segundo registro para la cuenta de root vacía.
Si tiene acceso edite el registro del menú GRUB (consulte Sección 3.1.2, “Fase 2: el cargador de arranque”) para grub-rescue-pc en el arranque, es incluso más fácil siguiendo los pasos:
Arranque el sistema con el argumento del núcleo cambiado a algo como «root=/dev/hda6 rw init=/bin/sh».
Edite «/etc/passwd»y cree una segundo registro para una cuenta de root vacia.
Incluso, se pueden comprometer las contraseñas de todos los usuarios por medio de herramientas de «cracking« de fuerza bruta como los paquetes john y crack packages (see Sección 9.5.11, “Sistema de seguridad y de comprobación de la integridad”).
Estas contraseñas pirateadas pueden servir para comprometer otros sistemas.
La única solución software razonable es evitar lo anterior con la utilización de software que cifra la partición raíz (o la partición «/etc») usando dm-crypt e initramfs (consulte Sección 9.9, “Trucos para cifrar información”).
Sin embargo, siempre necesitará la contraseña para arrancar el sistema.
4.7. Otros controles de acceso
Consulte Sección 9.4.15, “Tecla Alt-SysRq” como limitar la funcionalidad clave de atención segura (SAK) del núcleo.
sudo(8) es un programa diseñado para permitir que el administrador de sistemas conceda ciertos privilegios de superusuario a los usuarios y registre su actividad.
sudo necesita únicamente la contraseña del usuario normal.
Una vez instalado el paquete sudo la configuración se realiza en el archivo «/etc/sudoers».
Consulte una configuración de ejemplo en «/usr/share/doc/sudo/examples/sudoers»y Sección 1.1.12, “Configuración de sudo”.
Por ejemplo, lo siguiente cambia el dueño de «un_archivo»a «mi_nombre».
Personalmente, considero el uso de sudo como la mejor alternativa al uso de la cuenta de superusuario de forma constante.
En un sistema monousuario, el uso que yo realizo de sudo (consulteSección 1.1.12, “Configuración de sudo”) pretende evitar mi propia estupidez.
Desde luego si conoce la contraseña de «root« (como la conoce cualquier usuario que se instala Debian), cualquier orden puede ser ejecutada por «root« desde cualquier cuenta de usuario utilizando «su -c».
PolicyKit es un componente del sistema operativo con el fin de controlar los privilegios del sistema en toda su extensión para sistemas operativos tipo Unix.
Los nuevas aplicaciones de interfaz gráfico de usuario no esan diseñadas para ejecutarse como procesos privilegiados.
Se comunican con los procesos privilegiados a través de PolicyKit realizando de forma eficiente las operaciones administrativas.
PolicyKit restrinje cada operación a cuentas de usuario que pertenecer al grupo sudo en el sistema Debian.
Consulte polkit(8).
4.7.3. Restricción de acceso a algunos servicios del servidor
Para la seguridad del sistema, es una buena idea deshabilitar tantos programas del servidor como sea posible.
Esto es crítico en servidores en red.
Tener servidores sin utilidad, ejecutándose como demonios o por medio de un programa super servidor, se considera un riesgo de seguridad.
Muchos programas, como sshd(8), utilizan PAM como control de acceso.
Existen muchas maneras de limitar el acceso a algunos servicios de servidor.
archivos de configuración: «/etc/default/nombre_programa»
Configuración de la unidad de servicio Systemd para demonio
PAM (Módulos de Autenticación Insertables (Pluggable Authentication Modules))
«/etc/inetd.conf»para el super servidor
«/etc/hosts.deny»y «/etc/hosts.allow»para TCP wrapper, tcpd(8)
«/etc/rpc.conf»para Sun RPC
«/etc/at.allow»y «/etc/at.deny»para atd(8)
«/etc/cron.allow»y «/etc/cron.deny»para crontab(1)
Cortafuegos de red de la infraestructura netfilter
Ver Sección 3.5, “Gestión del sistema”, Sección 4.5.1, “Archivos de configuración utilizados por PAM y NSS”, y Sección 5.6, “Infraestructura Netfilter”.
Los servicios Sun RPC necesitan estar activos para NFS y otros programas basados en RPC.
Si tiene problemas de acceso remoto en sistemas Debian recientes, comente las configuraciones que lo restringuen como «ALL: PARANOID« en «/etc/hosts.deny»si existe.
4.7.4. Características de seguridad de Linux
El kernel de Linux ha evolucionado y admite características de seguridad que no se encuentran en las implementaciones tradicionales de UNIX.
Linux soporta atributos extendidos que amplían los atributos tradicionales de UNIX (ver xattr(7)).
Linux divide los privilegios tradicionalmente asociados con el superusuario en distintas partes, conocidas como capacidades(7), que se puede habilitar y deshabilitar de forma independiente.
Las capacidades son un atributo por subproceso desde la versión 2.2 del kernel.
La infraestructura Linux Security Module (LSM proporciona un mecanismo para varias pruebas de seguridad para que sean unidas por nuevas extensiones del kernel.
Dado que estas extensiones pueden endurecer el tipo de privilegio más estricto que las políticas ordinarias de tipo de seguridad similares a las de Unix, incluso se puede restringir el poder de root.
Le recomendamos leer el documento marco de Linux Security Module (LSM) en kernel.org.
Linux namespaces empaqueta un recurso del sistema global en una abstracción que hace aparecer a los procesos dentro del espacio de nombres que tienen su propia instancia aislada del recurso global.
Los cambios en el recurso global son visibles a otros procesos que son miembros del espacio de nombres, pero son invisibles a otros procesos.
Desde el kernel 5.6, hay 8 tipos de espacios de nombres (ver namespaces(7), unshare(1), nsenter(1)).
A partir de Debian 11 Bullseye (2021), Debian utiliza jerarquía de grupos unificados (a.k.a. cgroups-v2).
Ejemplos de uso de namespaces con cgroups para aislar sus procesos y permitir el control de recursos son:
Ver Sección 3.2, “Arranque de systemd”.
Ver Sección 7.6, “Sandbox”.
Contenedores Linux tales como Docker, LXC.
Ver Sección 9.11, “Sistemas virtualizados”.
Estas funcionalidades no se pueden realizar con Sección 4.1, “Acreditación normal de Unix”.
