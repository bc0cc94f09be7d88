/** Messages the core sends to people (errors and instructions). */
export const core = {
  'error.unknownChannel': 'Operação desconhecida: {name}.',
  'error.unauthenticated': 'Sessão terminada ou inexistente. Entre novamente com o seu PIN.',
  'error.managerOnly': 'Esta operação é reservada ao gerente.',
  'error.internal':
    'Ocorreu um erro interno. A operação não foi concluída; tente novamente ou contacte o suporte.',
  'error.badToken': 'Pedido recusado: acesso não autorizado a este terminal.',
  'error.originRefused': 'Pedido recusado: origem não autorizada.',
  'error.badJson': 'Pedido inválido: o corpo não é JSON válido.',
  'error.tooLarge': 'Pedido demasiado grande.',
  'error.coreNotReady': 'O terminal ainda está a arrancar. Aguarde um momento.',
  'auth.wrongPin': 'PIN incorreto.',
  'auth.locked': 'Demasiadas tentativas erradas. Aguarde {seconds} s e tente de novo.',
  'auth.unknownOperator': 'Operador inexistente ou inativo.',
  'auth.notManager': 'O PIN indicado não é de um gerente.',
  'catalog.notFound': 'Artigo não encontrado.',
  'catalog.barcodeNotFound': 'Código de barras {barcode} não existe no catálogo.',
  // issue 9 part C (misuse): access policies, PIN lockout, printer output paths
  'error.trainingOnly': 'Esta operação só está disponível no modo de formação.',
  'auth.approvalLocked':
    'Demasiados PINs de gerente errados neste terminal. Aguarde {seconds} s e tente de novo.',
  'auth.busy': 'Há outra verificação de PIN em curso. Aguarde um momento e tente de novo.',
  'printing.pathNul': 'O caminho do ficheiro da impressora contém caracteres inválidos.',
  'printing.pathOutside':
    'O ficheiro da impressora tem de ficar dentro da pasta de dados do terminal ({dir}): use um caminho relativo, sem "..".',
  'printing.pathParent': 'Não é possível criar a pasta "{dir}": já existe um ficheiro com esse nome.',
  'printing.pathDenied': 'Sem permissão para escrever em "{file}".',
  'printing.pathIsDir': 'O caminho "{file}" é uma pasta: indique um nome de ficheiro.',
  'printing.pathFailed': 'Não foi possível escrever "{file}": {why}.',
  'printing.serialPath':
    'A porta série "{path}" não é um dispositivo: use /dev/ttyUSB0, /dev/rfcomm0 ou COM5, por exemplo.',
  // issue 10 part G (sync service): partner status in the status bar
  'sync.online': 'ligado',
  'sync.offline': 'sem rede',
  'sync.pending': '{count} por enviar',
  'sync.error': 'erro',
  // issue 13 (stock): warehouses, ledger, transfers, inventory counts (electron/core/stock)
  'stock.warehouseNotFound': 'O armazém {warehouse} não existe.',
  'stock.warehouseInactive': 'O armazém {warehouse} está desativado.',
  'stock.warehouseCodeTaken': 'Já existe um armazém com o código {code}.',
  'stock.warehouseIsDefault':
    'O armazém {warehouse} é o armazém de venda deste terminal: escolha outro antes de o desativar.',
  'stock.articleNotFound': 'O artigo {article} não existe.',
  'stock.notTracked': 'O artigo {article} não tem controlo de stock (serviço ou artigo "sem stock").',
  'stock.zeroQuantity': 'A quantidade de um movimento de stock não pode ser zero.',
  'stock.wrongSign': 'Um movimento de stock "{cause}" não pode ter a quantidade {quantity}.',
  'stock.costRequired': 'Indique o custo unitário da entrada de {article}.',
  'stock.belowZero':
    'Stock insuficiente de {article} no armazém {warehouse}: existem {available}, saem {requested}.',
  'stock.sameWarehouse': 'A transferência tem de ser entre dois armazéns diferentes.',
  'stock.countNotFound': 'A contagem {id} não existe.',
  'stock.countClosed': 'A contagem {id} já está fechada.',
  'stock.countAlreadyOpen': 'Já há uma contagem aberta no armazém {warehouse} ({id}). Feche-a primeiro.',
  'stock.countArticle': 'O artigo {article} não faz parte da contagem {id}.',
  'stock.countEmpty': 'Não há artigos com controlo de stock para contar neste armazém.',
} as const;
